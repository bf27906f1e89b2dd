using RecForge.Clustering;
using RecForge.Randomness;
using RecForge.Text;

namespace RecForge.Core.Tests.Clustering;

/// <summary>The shared silhouette sample, the k values of a range, and KeyBERT labels with the hashed encoder.</summary>
public sealed class SilhouetteSampleTests
{
    [Fact]
    public void With_every_point_sampled_it_is_the_exact_silhouette_for_each_k()
    {
        var rng = new Rng(3);
        float[][] points = [.. Enumerable.Range(0, 300).Select(i => new[] { (float)((i % 3 * 10) + rng.NextGaussian()), (float)rng.NextGaussian() })];
        var sample = new SilhouetteSample(points, sample: 1000);
        foreach (int k in new[] { 2, 3, 5 })
        {
            int[] labels = KMeans.Fit(points, k, 7).Assignments;
            // The sample stores its distances as float (half the memory): agreement to ~1e-7 relative.
            Assert.Equal(ClusterMetrics.Silhouette(points, labels, k, 1000), sample.Score(labels, k), 6);
        }
    }

    [Fact]
    public void A_sample_estimates_the_silhouette_of_all_points()
    {
        var rng = new Rng(5);
        float[][] points = [.. Enumerable.Range(0, 4000).Select(i => new[] { (float)((i % 4 * 6) + rng.NextGaussian()), (float)rng.NextGaussian() })];
        int[] labels = KMeans.Fit(points, 4, 7).Assignments;
        double exact = new SilhouetteSample(points, sample: 4000).Score(labels, 4);

        // 2,000 of 4,000 points: the standard error of a mean silhouette (sd ≈ 0.15 here) over 2,000 points is ≈ 0.003.
        Assert.Equal(exact, new SilhouetteSample(points, sample: 2000, seed: 9).Score(labels, 4), 0.02);
    }

    [Theory]
    [InlineData(50, 100, 11)]
    [InlineData(8, 40, 11)]
    [InlineData(2, 5, 4)]
    [InlineData(10, 10, 1)]
    public void A_range_tries_at_most_twelve_values_from_its_start(int min, int max, int count)
    {
        IReadOnlyList<int> values = ClusterAnalysis.KValues(min, max);
        Assert.Equal(count, values.Count);
        Assert.Equal(min, values[0]);
        Assert.True(values[^1] <= max);
    }

    [Fact]
    public void Keybert_labels_come_from_each_clusters_own_words()
    {
        string[] themes = ["space station orbit astronaut", "haunted house ghost terror", "wedding bride romance love"];
        string[] texts = [.. Enumerable.Range(0, 60).Select(i => $"{themes[i % 3]} story {i}. {themes[i % 3].Split(' ')[i % 4]} film.")];
        int[] labels = [.. Enumerable.Range(0, 60).Select(i => i % 3)];
        var encoder = new HashedTextEncoder(11);
        float[][] vectors = [.. texts.Select(_ => new float[encoder.Dimension])];
        encoder.Encode(texts, vectors);
        string[][] keywords = KeyBertLabeler.Keywords(texts, vectors, labels, 3, encoder);
        for (int c = 0; c < 3; c++)
        {
            string[] own = themes[c].Split(' ');
            Assert.InRange(keywords[c].Length, 1, 5);
            Assert.Contains(keywords[c][0].Split(' '), own.Contains);
            Assert.Equal(keywords[c].Length, keywords[c].Distinct(StringComparer.Ordinal).Count());
        }
    }
}
