namespace RecForge.Text;

/// <summary>Read access to the values of the row being generated, by attribute slot.</summary>
internal interface IRowValues
{
    /// <summary>The category index held by a categorical slot.</summary>
    int CategoryOf(int slot);

    /// <summary>The slot's value as text.</summary>
    string TextOf(int slot);
}
