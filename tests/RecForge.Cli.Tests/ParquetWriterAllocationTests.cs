using RecForge.Output;
using RecForge.Output.Parquet;

namespace RecForge.Cli.Tests;

public sealed class ParquetWriterAllocationTests : IDisposable
{
    private const int Rows = 4096;

    private readonly string _root = Cli.TempDirectory();

    [Fact]
    public void Batches_of_numbers_and_times_allocate_nothing_per_row_once_a_row_group_is_open()
    {
        // ParquetSharp's logical column writer allocates its conversion buffers (levels, int64 ticks) when it is made.
        // The table writer keeps one per column and row group: made per batch, they cost 8 bytes a row per int64 or
        // timestamp column (a 4,096-value buffer each batch), so three columns allocated ~24 bytes a row. The bound of
        // 1 byte a row leaves room for a few small objects per batch and fails on the per-batch writers.
        var schema = new TableSchema("t", [
            new ColumnSpec("id", ColumnKind.Int64), new ColumnSpec("value", ColumnKind.Double), new ColumnSpec("at", ColumnKind.Timestamp)]);
        var batch = new ColumnBatch(schema, Rows);
        for (int r = 0; r < Rows; r++)
        {
            ((long[])batch.Columns[0])[r] = r;
            ((double[])batch.Columns[1])[r] = r * 0.5;
            ((DateTime[])batch.Columns[2])[r] = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(r);
        }

        batch.Count = Rows;
        using var writer = new ParquetTableWriter(Path.Combine(_root, "t.parquet"), schema, new TableWriterOptions(1 << 20));
        for (int b = 0; b < 4; b++)
        {
            writer.Write(batch);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        const int Batches = 40;
        for (int b = 0; b < Batches; b++)
        {
            writer.Write(batch);
        }

        double perRow = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)(Batches * Rows);
        writer.Complete();
        Assert.True(perRow < 1, $"{perRow:F2} bytes allocated a row");

        var table = new ParquetTable(_root);
        long[] ids = table.Column<long>("id");
        Assert.Equal(44 * Rows, ids.Length);
        Assert.Equal(Rows - 1, ids[^1]);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
