using System.Globalization;
using RecForge.Output;

namespace RecForge.Quality;

/// <summary>Counts values that break a rule (NaN/Inf, out of range) and remembers the first one, for a one-line detail.</summary>
internal sealed class ColumnFaults
{
    public long Count { get; private set; }

    public string? First { get; private set; }

    public void Add(string where)
    {
        Count++;
        First ??= where;
    }

    /// <summary>Adds another tally's count, keeping the first fault seen.</summary>
    public void Merge(ColumnFaults other)
    {
        Count += other.Count;
        First ??= other.First;
    }

    /// <summary>Scans every float and double column of a batch (vectors included) for NaN and infinities.</summary>
    public static void ScanNonFinite(ColumnBatch batch, string table, long firstRow, ColumnFaults faults)
    {
        for (int c = 0; c < batch.Columns.Length; c++)
        {
            switch (batch.Columns[c])
            {
                case double[] d:
                    for (int r = 0; r < batch.Count; r++)
                    {
                        if (!double.IsFinite(d[r]))
                        {
                            faults.Add(Where(table, batch.Schema.Columns[c].Name, firstRow + r, d[r]));
                        }
                    }

                    break;
                case float[][] v:
                    for (int r = 0; r < batch.Count; r++)
                    {
                        foreach (float x in v[r])
                        {
                            if (!float.IsFinite(x))
                            {
                                faults.Add(Where(table, batch.Schema.Columns[c].Name, firstRow + r, x));
                                break;
                            }
                        }
                    }

                    break;
            }
        }
    }

    public static string Where(string table, string column, long row, double value)
        => string.Create(CultureInfo.InvariantCulture, $"{table}.{column} row {row}: {value}");
}
