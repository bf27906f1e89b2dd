namespace RecForge.Generation;

/// <summary>The value of one attribute of the row being generated (only the fields of its kind are set).</summary>
internal struct Cell
{
    public double Number;
    public string? Text;
    public int Category;
    public string[]? List;
    public float[]? Vector;
}
