using RecForge.Output;
using RecForge.Quality;

namespace RecForge.Reading;

/// <summary>
/// One table of a dataset, read back as typed column batches whatever the format it was written in: the columns as
/// read (float16 vectors widened to float32, hive partition columns restored) and a stream of batches.
/// </summary>
public abstract class DatasetTable
{
    /// <summary>The default rows per batch.</summary>
    public const int DefaultBatchRows = 65_536;

    /// <summary>Creates a table over <paramref name="table"/> with columns <paramref name="schema"/>.</summary>
    protected DatasetTable(ManifestTable table, TableSchema schema)
    {
        Table = table;
        Schema = schema;
    }

    /// <summary>The manifest entry: name, role, key, references, files.</summary>
    public ManifestTable Table { get; }

    /// <summary>The table's name.</summary>
    public string Name => Table.Name;

    /// <summary>Columns as read.</summary>
    public TableSchema Schema { get; }

    /// <summary>Rows, as the manifest counts them.</summary>
    public long Rows => Table.Rows;

    /// <summary>
    /// Streams the rows from the first, in batches of at most <paramref name="batchRows"/>; the same batch object is
    /// refilled each time, so copy what must outlive the next batch.
    /// </summary>
    /// <exception cref="InvalidDataException">A file is missing or damaged, or a value does not parse; the message names the file.</exception>
    public abstract IEnumerable<ColumnBatch> Read(int batchRows = DefaultBatchRows, CancellationToken cancellation = default);

    /// <summary>
    /// The batches of a reader that parses a row at a time: <paramref name="rows"/> writes each row at
    /// <c>batch.Count</c> and then yields; the batch goes out when it holds <paramref name="batchRows"/> rows (the
    /// cancellation checked there) and once more with the rest.
    /// </summary>
    protected static IEnumerable<ColumnBatch> Batches(ColumnBatch batch, int batchRows, IEnumerable<bool> rows, CancellationToken cancellation)
    {
        foreach (bool _ in rows)
        {
            if (++batch.Count == batchRows)
            {
                cancellation.ThrowIfCancellationRequested();
                yield return batch;
                batch.Count = 0;
            }
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    /// <summary>The table as the validator reads it.</summary>
    public TableView AsView() => new(Name, Schema, () => Read());
}
