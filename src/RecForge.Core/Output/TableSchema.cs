namespace RecForge.Output;

/// <summary>An output column: name, type and, for vectors, dimension.</summary>
public sealed record ColumnSpec(string Name, ColumnKind Kind, int Dimension = 0)
{
    /// <summary>Rough bytes per value before compression, used to size row groups and estimate output.</summary>
    public int EstimatedBytes => Kind switch
    {
        ColumnKind.Int64 or ColumnKind.Double or ColumnKind.Timestamp => 8,
        ColumnKind.Uuid => 16,
        ColumnKind.FloatVector => 4 * Dimension,
        ColumnKind.HalfVector => 2 * Dimension,
        ColumnKind.Json => 96,
        ColumnKind.StringList => 32,
        _ => 24,
    };
}

/// <summary>A table's name and columns, in file order.</summary>
public sealed record TableSchema(string Name, IReadOnlyList<ColumnSpec> Columns)
{
    /// <summary>Index of a column by name, or -1.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Rough uncompressed bytes per row.</summary>
    public int EstimatedRowBytes
    {
        get
        {
            int sum = 0;
            foreach (ColumnSpec c in Columns)
            {
                sum += c.EstimatedBytes;
            }

            return sum;
        }
    }
}
