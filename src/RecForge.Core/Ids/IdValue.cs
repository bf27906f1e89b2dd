namespace RecForge.Ids;

/// <summary>An entity's id, computed once in the form its <see cref="IdFormat"/> asks for, and written into any id column.</summary>
/// <param name="Number">The id as a number (for <see cref="IdKind.Int64"/>).</param>
/// <param name="Uuid">The id as a UUID (for <see cref="IdKind.Uuid"/>).</param>
/// <param name="Text">The id as text (for <see cref="IdKind.Pattern"/>).</param>
internal readonly record struct IdValue(long Number, Guid Uuid, string? Text)
{
    /// <summary>The id of entity <paramref name="index"/> of kind <paramref name="kind"/>.</summary>
    public static IdValue Of(IdFormat format, ulong seed, ulong kind, long index) => format.Kind switch
    {
        IdKind.Uuid => new(0, IdFormat.MakeUuid(seed, kind, index), null),
        IdKind.Pattern => new(0, Guid.Empty, format.Format(index)),
        _ => new(format.NumberOf(index), Guid.Empty, null),
    };

    /// <summary>The id as text, as readers show it: the number, the UUID in its 36-character form, or the pattern's text.</summary>
    public string ToText(IdKind kind) => kind switch
    {
        IdKind.Uuid => Uuid.ToString("D"),
        IdKind.Pattern => Text!,
        _ => Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Writes the id into row <paramref name="row"/> of an id column (<c>long[]</c>, <c>Guid[]</c> or <c>string[]</c>).</summary>
    public void WriteTo(Array column, int row)
    {
        switch (column)
        {
            case long[] numbers:
                numbers[row] = Number;
                break;
            case Guid[] uuids:
                uuids[row] = Uuid;
                break;
            case string[] texts:
                texts[row] = Text!;
                break;
        }
    }
}
