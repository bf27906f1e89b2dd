namespace RecForge.Output;

/// <summary>
/// A format that writes no data file: every batch goes to a callback, for generating straight into memory, a queue or a
/// custom store. The manifest still records each table's partitions and row counts (with no bytes or checksum).
/// </summary>
/// <remarks>
/// The callback runs on the generating threads, concurrently when <c>Threads</c> is above 1, and the batch object is
/// reused after it returns: copy what must be kept. Within a partition batches come in row order; partitions are
/// independent, so with one thread every table arrives in the same order as in the files a file format writes.
/// </remarks>
/// <param name="onBatch">Receives the table's name and each batch.</param>
public sealed class BatchSinkFormat(Action<string, ColumnBatch> onBatch) : ITableFormat
{
    /// <inheritdoc />
    public string Name => "sink";

    /// <inheritdoc />
    public string Extension => ".sink";

    /// <inheritdoc />
    public ITableWriter Create(string path, TableSchema schema, TableWriterOptions options) => new Writer(path, schema.Name, onBatch);

    private sealed class Writer(string path, string table, Action<string, ColumnBatch> onBatch) : ITableWriter
    {
        private long _rows;

        public void Write(ColumnBatch batch)
        {
            onBatch(table, batch);
            _rows += batch.Count;
        }

        public IReadOnlyList<WrittenFile> Complete() => [new WrittenFile(path, _rows, 0, "")];

        public void Dispose()
        {
        }
    }
}
