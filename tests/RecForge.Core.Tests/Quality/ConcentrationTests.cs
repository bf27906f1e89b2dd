using RecForge.Quality;

namespace RecForge.Core.Tests.Quality;

/// <summary>Top shares, Lorenz/Gini, total variation and the 2-D projection against hand-computed cases.</summary>
public sealed class ConcentrationTests
{
    [Fact]
    public void Top_share_takes_the_largest_counts()
    {
        // Counts 1..10 sum to 55; the top 20% (2 entities) hold 10 + 9 = 19.
        long[] counts = [3, 1, 4, 10, 5, 9, 2, 6, 8, 7];
        Assert.Equal(19.0 / 55, Concentration.TopShare(counts, 0.2), 12);
    }

    [Fact]
    public void Gini_of_equal_counts_is_zero_and_of_one_holder_is_near_one()
    {
        Assert.Equal(0, Concentration.Lorenz([5, 5, 5, 5]).Gini, 12);

        // One of four holds everything: area under the Lorenz curve = ½·¼·1 = 1/8, Gini = 1 − 2/8 = 0.75.
        var (curve, gini) = Concentration.Lorenz([0, 0, 0, 8], points: 4);
        Assert.Equal(0.75, gini, 12);
        Assert.Equal([(0.0, 0.0), (0.25, 0.0), (0.5, 0.0), (0.75, 0.0), (1.0, 1.0)], curve);
    }

    [Fact]
    public void Total_variation_is_half_the_l1_distance_of_the_normalised_weights()
    {
        // p = (0.5, 0.5, 0), q = (0.25, 0.25, 0.5): ½(0.25 + 0.25 + 0.5) = 0.5; weights need not sum to 1.
        Assert.Equal(0.5, Concentration.TotalVariation([1, 1, 0], [1, 1, 2]), 12);
    }

    [Fact]
    public void Pca_finds_the_axis_of_largest_spread()
    {
        // Points on the line y = 2x (plus a small orthogonal wobble): the first component's coordinate is the position
        // along the line, so it orders the points as x does; the second is small.
        var points = new List<float[]>();
        for (int i = -10; i <= 10; i++)
        {
            points.Add([i + (i % 2) * 0.1f * 2, 2 * i - (i % 2) * 0.1f, 0.5f]);
        }

        (double X, double Y)[] xy = Pca.Project2D(points);
        double[] first = [.. xy.Select(p => p.X)];
        bool increasing = first.Zip(first.Skip(1)).All(p => p.Second > p.First), decreasing = first.Zip(first.Skip(1)).All(p => p.Second < p.First);
        Assert.True(increasing || decreasing);
        Assert.Equal(Math.Sqrt(5) * 10, Math.Abs(first[0]), 0); // |(−10, −20)| = 10√5 from the mean, to ±0.5
        Assert.All(xy, p => Assert.True(Math.Abs(p.Y) < 0.3, $"{p.Y}"));
    }

    [Fact]
    public void Keys_of_each_id_type_are_distinct_and_stable()
    {
        var index = new KeyIndex();
        Assert.True(index.Add(KeyIndex.KeyOf(new long[] { 42 }, 0)));
        Assert.True(index.Add(KeyIndex.KeyOf(new[] { "42" }, 0)));
        Assert.True(index.Add(KeyIndex.KeyOf(new[] { Guid.Parse("00000000-0000-0000-0000-00000000002a") }, 0)));
        Assert.False(index.Add(KeyIndex.KeyOf(new[] { "42" }, 0)));
        Assert.Equal(1, index.Find(KeyIndex.KeyOf(new[] { "42" }, 0)));
        Assert.Equal(-1, index.Find(KeyIndex.KeyOf(new[] { "43" }, 0)));
    }
}
