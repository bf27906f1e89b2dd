namespace RecForge.Output;

/// <summary>
/// A block of rows stored column by column in typed arrays (<c>long[]</c>, <c>double[]</c>, <c>string[]</c>,
/// <c>string[][]</c>, <c>float[][]</c>, <c>byte[][]</c>, <c>Guid[]</c>, <c>DateTime[]</c>), reused from batch to batch.
/// </summary>
/// <remarks>Vector columns keep one preallocated <c>float[Dimension]</c> (or <c>byte[2 × Dimension]</c> for float16) per row, so filling a batch allocates nothing.</remarks>
public sealed class ColumnBatch
{
    /// <summary>Allocates a batch for <paramref name="capacity"/> rows of <paramref name="schema"/>.</summary>
    public ColumnBatch(TableSchema schema, int capacity)
    {
        Schema = schema;
        Columns = new Array[schema.Columns.Count];
        Grow(capacity);
    }

    /// <summary>Enlarges the batch to hold <paramref name="capacity"/> rows, keeping its rows.</summary>
    public void Grow(int capacity)
    {
        for (int i = 0; i < Columns.Length; i++)
        {
            ColumnSpec c = Schema.Columns[i];
            Array next = c.Kind switch
            {
                ColumnKind.Int64 => new long[capacity],
                ColumnKind.Double => new double[capacity],
                ColumnKind.String or ColumnKind.Json => new string[capacity],
                ColumnKind.StringList => new string[capacity][],
                ColumnKind.FloatVector => GrowVectors(Columns[i] as float[][], capacity, c.Dimension),
                ColumnKind.HalfVector => GrowVectors(Columns[i] as byte[][], capacity, 2 * c.Dimension),
                ColumnKind.Uuid => new Guid[capacity],
                ColumnKind.Timestamp => new DateTime[capacity],
                _ => throw new NotSupportedException(c.Kind.ToString()),
            };
            if (Columns[i] is { } old)
            {
                Array.Copy(old, next, Count);
            }

            Columns[i] = next;
        }

        Capacity = capacity;
    }

    /// <summary>The schema.</summary>
    public TableSchema Schema { get; }

    /// <summary>Rows the batch can hold.</summary>
    public int Capacity { get; private set; }

    /// <summary>Rows currently held.</summary>
    public int Count { get; set; }

    /// <summary>One typed array per column.</summary>
    public Array[] Columns { get; }

    /// <summary>The typed array of column <paramref name="index"/>.</summary>
    public T[] Column<T>(int index) => (T[])Columns[index];

    /// <summary>Copies row <paramref name="row"/> of <paramref name="source"/> (same column kinds, in <paramref name="map"/> order) to the end of this batch.</summary>
    public void AppendRow(ColumnBatch source, int row, ReadOnlySpan<int> map)
    {
        int at = Count++;
        for (int i = 0; i < Columns.Length; i++)
        {
            Array from = source.Columns[map[i]];
            if (from is float[][] vectors)
            {
                vectors[row].CopyTo(((float[][])Columns[i])[at], 0);
            }
            else if (from is byte[][] halves)
            {
                halves[row].CopyTo(((byte[][])Columns[i])[at], 0);
            }
            else
            {
                Array.Copy(from, row, Columns[i], at, 1);
            }
        }
    }

    /// <summary>
    /// Copies rows [0, <paramref name="rows"/>) of <paramref name="from"/> (the same schema) over this batch's first rows.
    /// Vector rows keep their own arrays (pooled batches must never share one), so their values are copied.
    /// </summary>
    internal void CopyRowsFrom(ColumnBatch from, int rows)
    {
        for (int c = 0; c < Columns.Length; c++)
        {
            switch (from.Columns[c])
            {
                case float[][] vectors:
                    for (int r = 0; r < rows; r++)
                    {
                        vectors[r].CopyTo(((float[][])Columns[c])[r], 0);
                    }

                    break;
                case byte[][] halves:
                    for (int r = 0; r < rows; r++)
                    {
                        halves[r].CopyTo(((byte[][])Columns[c])[r], 0);
                    }

                    break;
                default:
                    Array.Copy(from.Columns[c], Columns[c], rows);
                    break;
            }
        }
    }

    /// <summary>Exchanges the rows (column arrays and count) of this batch and <paramref name="other"/> (the same schema and capacity), copying nothing.</summary>
    internal void ExchangeRows(ColumnBatch other)
    {
        for (int c = 0; c < Columns.Length; c++)
        {
            (Columns[c], other.Columns[c]) = (other.Columns[c], Columns[c]);
        }

        (Count, other.Count) = (other.Count, Count);
    }

    // The rows' vectors of the old capacity are kept (held or not) and only the new rows get one: a hive partition's
    // staging batch grows 16 → 64 → … → 4,096 rows, and allocating every row again at each step made a quarter of the
    // garbage of a partitioned catalogue with 1024-d embeddings, all of it fresh pages to fault in.
    private static T[][] GrowVectors<T>(T[][]? old, int capacity, int dimension)
    {
        var rows = new T[capacity][];
        int kept = old is null ? 0 : Math.Min(old.Length, capacity);
        if (kept > 0)
        {
            Array.Copy(old!, rows, kept);
        }

        for (int i = kept; i < capacity; i++)
        {
            rows[i] = new T[dimension];
        }

        return rows;
    }
}
