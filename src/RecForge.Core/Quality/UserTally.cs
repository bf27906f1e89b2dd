using RecForge.Output;

namespace RecForge.Quality;

/// <summary>One pass over the users table: keys, local-time offsets and finite values.</summary>
internal sealed class UserTally(DatasetColumns columns)
{
    public KeyIndex Keys { get; } = new();

    public long Rows { get; private set; }

    public ColumnFaults Duplicates { get; } = new();

    public ColumnFaults NonFinite { get; } = new();

    /// <summary>UTC offset in minutes per user index (0 without an offset column).</summary>
    public List<int> OffsetMinutes { get; } = [];

    public void Add(ColumnBatch batch, string table)
    {
        Array key = batch.Columns[ItemTally.Require(batch.Schema, columns.UserKey!, table)];
        long[]? offsets = columns.UserUtcOffsetMinutes is { } o && batch.Schema.IndexOf(o) >= 0 ? batch.Columns[batch.Schema.IndexOf(o)] as long[] : null;
        ColumnFaults.ScanNonFinite(batch, table, Rows, NonFinite);
        for (int r = 0; r < batch.Count; r++)
        {
            if (!Keys.Add(KeyIndex.KeyOf(key, r)))
            {
                Duplicates.Add($"{table}.{columns.UserKey} row {Rows + r}: {key.GetValue(r)} appears again");
            }

            OffsetMinutes.Add(offsets is null ? 0 : (int)offsets[r]);
        }

        Rows += batch.Count;
    }
}
