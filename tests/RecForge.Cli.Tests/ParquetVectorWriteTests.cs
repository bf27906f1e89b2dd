using RecForge.Output;
using RecForge.Output.Parquet;

namespace RecForge.Cli.Tests;

public sealed class ParquetVectorWriteTests : IDisposable
{
    private readonly string _root = Cli.TempDirectory();

    [Fact]
    public void Vectors_written_with_constant_levels_read_back_as_written_across_batches_and_row_groups()
    {
        // Vectors go to the physical column writer with precomputed levels; an empty one takes the logical path.
        // Row groups of 3 rows and batches of 4 make rows of one batch land in two groups.
        var schema = new TableSchema("v", [new ColumnSpec("id", ColumnKind.Int64), new ColumnSpec("embedding", ColumnKind.FloatVector, 5)]);
        string path = Path.Combine(_root, "v.parquet");
        var expected = new List<float[]>();
        using (var writer = new ParquetTableWriter(path, schema, new TableWriterOptions(3)))
        {
            var batch = new ColumnBatch(schema, 4);
            for (int b = 0; b < 3; b++)
            {
                for (int r = 0; r < 4; r++)
                {
                    int id = (4 * b) + r;
                    ((long[])batch.Columns[0])[r] = id;
                    float[] vector = id == 6 ? [] : [.. Enumerable.Range(0, 5).Select(d => (id * 10f) + d + 0.5f)];
                    ((float[][])batch.Columns[1])[r] = vector;
                    expected.Add(vector);
                }

                batch.Count = 4;
                writer.Write(batch);
            }

            writer.Complete();
        }

        var table = new ParquetTable(_root);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (long)i), table.Column<long>("id"));
        float[][] read = table.Column<float[]>("embedding");
        Assert.Equal(expected.Count, read.Length);
        for (int i = 0; i < read.Length; i++)
        {
            Assert.Equal(expected[i], read[i]);
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
