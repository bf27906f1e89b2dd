using RecForge.Clustering;

namespace RecForge.Core.Tests.Clustering;

/// <summary>Cluster metrics against cases computed by hand, and k-means on separable data.</summary>
public sealed class ClusterMetricsTests
{
    // Four 1-D points: {0, 1} and {10, 11}.
    private static readonly float[][] Line = [[0f], [1f], [10f], [11f]];
    private static readonly int[] Halves = [0, 0, 1, 1];

    [Fact]
    public void Silhouette_matches_the_hand_computed_value()
    {
        // Point 0: a = 1, b = (10 + 11) / 2 = 10.5, s = 1 - 1/10.5; point 1: a = 1, b = (9 + 10) / 2 = 9.5, s = 1 - 1/9.5;
        // points 2 and 3 mirror them.
        double expected = ((1 - (1 / 10.5)) + (1 - (1 / 9.5))) / 2;
        Assert.Equal(expected, ClusterMetrics.Silhouette(Line, Halves, 2), 12);
    }

    [Fact]
    public void Davies_bouldin_matches_the_hand_computed_value()
    {
        // Centroids 0.5 and 10.5, each point 0.5 from its centroid: (0.5 + 0.5) / 10.
        Assert.Equal(0.1, ClusterMetrics.DaviesBouldin(Line, Halves, [[0.5f], [10.5f]]), 12);
    }

    [Fact]
    public void Adjusted_rand_index_matches_hand_computed_values()
    {
        Assert.Equal(1.0, ClusterMetrics.AdjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0]), 12);

        // Contingency {0:[2,0,0], 1:[0,1,1]}: index 1, row pairs 2, column pairs 1, total pairs 6:
        // expected 2 * 1 / 6 = 1/3, max 1.5, ARI = (1 - 1/3) / (1.5 - 1/3) = 4/7.
        Assert.Equal(4.0 / 7, ClusterMetrics.AdjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2]), 12);
    }

    [Fact]
    public void Kmeans_recovers_separated_blobs_and_is_deterministic_for_a_seed()
    {
        // Three blobs 10 apart with noise of 1: any sensible k-means finds them exactly.
        var random = new Random(3);
        float[][] points = [.. Enumerable.Range(0, 300).Select(i => new[] { (float)((i % 3 * 10) + random.NextDouble()), (float)random.NextDouble() })];
        int[] truth = [.. Enumerable.Range(0, 300).Select(i => i % 3)];
        KMeansResult first = KMeans.Fit(points, 3, seed: 9);
        KMeansResult second = KMeans.Fit(points, 3, seed: 9);
        Assert.Equal(1.0, ClusterMetrics.AdjustedRandIndex(truth, first.Assignments), 12);
        Assert.Equal(first.Assignments, second.Assignments);
        Assert.Equal(first.Inertia, second.Inertia);
    }

    [Fact]
    public void Labels_come_from_the_words_that_set_a_cluster_apart()
    {
        string[] texts = ["zombie apocalypse survival", "zombie apocalypse horror night", "the zombie apocalypse begins",
            "romantic comedy wedding", "a romantic comedy in paris", "wedding romantic comedy again"];
        string[][] keywords = ClusterLabeler.Keywords(texts, [0, 0, 0, 1, 1, 1], 2);
        Assert.Equal("zombie apocalypse", keywords[0][0]);
        Assert.Equal("romantic comedy", keywords[1][0]);
        Assert.DoesNotContain(keywords[0], k => k.Contains("romantic", StringComparison.Ordinal));
        Assert.DoesNotContain(keywords[1], k => k is "the" or "a" or "in");
    }
}
