using RecForge.Output;

namespace RecForge.Reading;

/// <summary>The columns a reader produces for a written schema: float16 vectors come back widened to float32.</summary>
public static class ReadSchema
{
    /// <summary>
    /// <paramref name="written"/> with every <see cref="ColumnKind.HalfVector"/> column as a <see cref="ColumnKind.FloatVector"/>
    /// of the same dimension.
    /// </summary>
    public static TableSchema Of(TableSchema written)
    {
        bool half = false;
        foreach (ColumnSpec c in written.Columns)
        {
            half |= c.Kind == ColumnKind.HalfVector;
        }

        return !half ? written
            : new TableSchema(written.Name, [.. written.Columns.Select(c => c.Kind == ColumnKind.HalfVector ? c with { Kind = ColumnKind.FloatVector } : c)]);
    }
}
