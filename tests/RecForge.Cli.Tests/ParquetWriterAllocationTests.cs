using ParquetSharp;
using RecForge.Output;
using RecForge.Output.Parquet;

namespace RecForge.Cli.Tests;

public sealed class ParquetWriterAllocationTests : IDisposable
{
    private const int Rows = 4096;

    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly string _root = Cli.TempDirectory();

    [Fact]
    public void Batches_allocate_nothing_per_row_once_a_row_group_is_open()
    {
        // ParquetSharp's logical column writer allocates its conversion buffers when it is made, and converts strings
        // and UUIDs into blocks it pins, frees and allocates again every 4,096 values. With a logical writer per batch
        // these five columns allocated ~31 bytes a row (~25 without the strings and UUIDs). The bound of 1 byte a row
        // leaves room for a few small objects per batch and fails on either.
        var schema = new TableSchema("t", [
            new ColumnSpec("id", ColumnKind.Int64), new ColumnSpec("value", ColumnKind.Double), new ColumnSpec("at", ColumnKind.Timestamp),
            new ColumnSpec("user", ColumnKind.Uuid), new ColumnSpec("kind", ColumnKind.String)]);
        string[] kinds = ["view", "like", "save", "share"];
        var batch = new ColumnBatch(schema, Rows);
        for (int r = 0; r < Rows; r++)
        {
            ((long[])batch.Columns[0])[r] = r;
            ((double[])batch.Columns[1])[r] = r * 0.5;
            ((DateTime[])batch.Columns[2])[r] = Start.AddSeconds(r);
            ((Guid[])batch.Columns[3])[r] = new Guid(r, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
            ((string[])batch.Columns[4])[r] = kinds[r % kinds.Length];
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
        Assert.Equal("share", table.Column<string>("kind")[^1]);
    }

    [Fact]
    public void Strings_and_uuids_read_back_as_written_across_chunks_batches_and_row_groups()
    {
        // Strings and UUIDs go to the physical writer from one reused buffer, 4,096 rows a call: batches of 5,000 rows
        // and row groups of 3,000 put call, batch and group boundaries in different places; nulls, empty and non-ASCII
        // strings, and 200-character ones (a chunk of them outgrows the first buffer) must all come back.
        var schema = new TableSchema("s", [new ColumnSpec("user", ColumnKind.Uuid), new ColumnSpec("title", ColumnKind.String)]);
        var expectedUsers = new List<Guid>();
        var expectedTitles = new List<string?>();
        using (var writer = new ParquetTableWriter(Path.Combine(_root, "s.parquet"), schema, new TableWriterOptions(3000)))
        {
            var batch = new ColumnBatch(schema, 5000);
            for (int b = 0; b < 3; b++)
            {
                for (int r = 0; r < 5000; r++)
                {
                    int row = (5000 * b) + r;
                    var user = new Guid(row, (short)b, 7, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, (byte)r);
                    string? title = (row % 7) switch
                    {
                        0 => null,
                        1 => string.Empty,
                        2 => $"Amélie à Tōkyō {row}",
                        3 => new string((char)('a' + (row % 26)), 200),
                        _ => $"title {row}",
                    };
                    ((Guid[])batch.Columns[0])[r] = user;
                    ((string?[])batch.Columns[1])[r] = title;
                    expectedUsers.Add(user);
                    expectedTitles.Add(title);
                }

                batch.Count = 5000;
                writer.Write(batch);
            }

            writer.Complete();
        }

        var table = new ParquetTable(_root);
        Assert.Equal(expectedUsers, table.Column<Guid>("user"));
        Assert.Equal(expectedTitles, table.Column<string?>("title"));

        // The UUID logical type is big-endian: 00112233-4455-6677-8899-aabbccddeeff is stored as the bytes 00 11 ... ff.
        using var reader = new ParquetFileReader(table.Files[0]);
        using RowGroupReader group = reader.RowGroup(0);
        using var raw = (ColumnReader<FixedLenByteArray>)group.Column(0);
        var value = new FixedLenByteArray[1];
        raw.ReadBatch(1, value, out long read);
        Assert.Equal(1, read);
        byte[] first = new byte[16];
        System.Runtime.InteropServices.Marshal.Copy(value[0].Pointer, first, 0, first.Length);
        Assert.Equal(expectedUsers[0].ToByteArray(bigEndian: true), first);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
