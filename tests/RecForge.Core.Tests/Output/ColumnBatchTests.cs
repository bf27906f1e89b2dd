using RecForge.Output;

namespace RecForge.Core.Tests.Output;

public class ColumnBatchTests
{
    [Fact]
    public void Growing_keeps_every_row_and_reuses_the_vectors_it_has()
    {
        // Given a batch of ids, float vectors and float16 vectors with 3 of its 4 rows filled
        var schema = new TableSchema("t",
        [
            new ColumnSpec("id", ColumnKind.Int64),
            new ColumnSpec("v", ColumnKind.FloatVector, 3),
            new ColumnSpec("h", ColumnKind.HalfVector, 2),
        ]);
        var batch = new ColumnBatch(schema, 4);
        float[][] before = batch.Column<float[]>(1);
        byte[][] halvesBefore = batch.Column<byte[]>(2);
        for (int r = 0; r < 3; r++)
        {
            batch.Column<long>(0)[r] = r;
            before[r][0] = r + 0.5f;
            before[r][2] = -r;
            halvesBefore[r][3] = (byte)(r + 7);
        }

        batch.Count = 3;

        // When it grows to 10 rows
        batch.Grow(10);

        // Then the rows held keep their values, all four old vectors (held or not) are the same arrays, and each new row
        // has a vector of its own of the column's width
        float[][] after = batch.Column<float[]>(1);
        byte[][] halves = batch.Column<byte[]>(2);
        Assert.Equal(10, batch.Capacity);
        Assert.Equal(3, batch.Count);
        for (int r = 0; r < 3; r++)
        {
            Assert.Equal(r, batch.Column<long>(0)[r]);
            Assert.Equal([r + 0.5f, 0f, -r], after[r]);
            Assert.Equal((byte)(r + 7), halves[r][3]);
        }

        for (int r = 0; r < 4; r++)
        {
            Assert.Same(before[r], after[r]);
            Assert.Same(halvesBefore[r], halves[r]);
        }

        Assert.All(after[4..], v => Assert.Equal(3, v.Length));
        Assert.All(halves[4..], v => Assert.Equal(4, v.Length));
        Assert.Equal(10, after.Distinct().Count());
    }

    [Fact]
    public void Copied_rows_keep_their_own_vectors_and_exchanged_rows_swap_arrays_and_counts()
    {
        // Given two batches of ids, names and float vectors, the first with three rows
        var schema = new TableSchema("t",
        [
            new ColumnSpec("id", ColumnKind.Int64),
            new ColumnSpec("name", ColumnKind.String),
            new ColumnSpec("v", ColumnKind.FloatVector, 2),
        ]);
        var a = new ColumnBatch(schema, 4);
        var b = new ColumnBatch(schema, 4);
        for (int r = 0; r < 3; r++)
        {
            a.Column<long>(0)[r] = 10 + r;
            a.Column<string>(1)[r] = "n" + r;
            a.Column<float[]>(2)[r][1] = r + 0.25f;
        }

        a.Count = 3;

        // When the first two rows are copied into the second batch
        b.CopyRowsFrom(a, 2);

        // Then their values are there, the third row is not, and no vector array is shared (pooled batches reuse them)
        Assert.Equal([10L, 11L, 0L], b.Column<long>(0)[..3]);
        Assert.Equal(new string?[] { "n0", "n1", null }, b.Column<string?>(1)[..3]);
        Assert.Equal(1.25f, b.Column<float[]>(2)[1][1]);
        Assert.NotSame(a.Column<float[]>(2)[1], b.Column<float[]>(2)[1]);

        // When the batches exchange rows, each holds the other's arrays and count
        Array ids = a.Columns[0];
        b.Count = 2;
        a.ExchangeRows(b);
        Assert.Same(ids, b.Columns[0]);
        Assert.Equal((2, 3), (a.Count, b.Count));
        Assert.Equal("n2", b.Column<string>(1)[2]);
    }
}
