namespace RecForge.Clustering;

/// <summary>One k tried: its inertia (the elbow curve) and silhouette.</summary>
/// <param name="K">Clusters.</param>
/// <param name="Inertia">Sum of squared distances to centroids.</param>
/// <param name="Silhouette">Mean (sampled) silhouette.</param>
public sealed record KCandidate(int K, double Inertia, double Silhouette);

/// <summary>The chosen clustering with its names and quality.</summary>
/// <param name="Model">Centroids and assignments.</param>
/// <param name="Keywords">Keywords per cluster, best first.</param>
/// <param name="Labels">Name per cluster.</param>
/// <param name="Silhouette">Mean (sampled) silhouette.</param>
/// <param name="DaviesBouldin">Davies–Bouldin index.</param>
/// <param name="Candidates">Every k tried, in order (one entry without a range).</param>
public sealed record ClusterAnalysisResult(KMeansResult Model, string[][] Keywords, string[] Labels, double Silhouette, double DaviesBouldin, IReadOnlyList<KCandidate> Candidates);

/// <summary>Clusters items by their (L2-normalised) embeddings, picks k by silhouette over a range, and names the clusters.</summary>
public static class ClusterAnalysis
{
    /// <summary>Runs k-means for every k in [<paramref name="minK"/>, <paramref name="maxK"/>] and keeps the best silhouette.</summary>
    public static ClusterAnalysisResult Run(float[][] embeddings, IReadOnlyList<string> texts, int minK, int maxK, ulong seed, int silhouetteSample = 2000)
    {
        if (minK < 2 || maxK < minK || maxK > embeddings.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(minK), $"k must be between 2 and the number of items ({embeddings.Length}); got {minK}..{maxK}");
        }

        float[][] points = new float[embeddings.Length][];
        for (int i = 0; i < points.Length; i++)
        {
            points[i] = (float[])embeddings[i].Clone();
            World.VectorMath.Normalize(points[i]);
        }

        // A range is scanned with a step so about 12 values are tried (each costs a full k-means and a silhouette).
        int step = Math.Max(1, (maxK - minK) / 11);
        var candidates = new List<KCandidate>();
        KMeansResult? best = null;
        double bestSilhouette = double.MinValue;
        for (int k = minK; k <= maxK; k += step)
        {
            KMeansResult model = KMeans.Fit(points, k, seed);
            double silhouette = ClusterMetrics.Silhouette(points, model.Assignments, k, silhouetteSample, seed);
            candidates.Add(new KCandidate(k, model.Inertia, silhouette));
            if (silhouette > bestSilhouette)
            {
                (best, bestSilhouette) = (model, silhouette);
            }
        }

        int chosen = best!.Centroids.Length;
        string[][] keywords = ClusterLabeler.Keywords(texts, best.Assignments, chosen);
        return new ClusterAnalysisResult(best, keywords, [.. keywords.Select(ClusterLabeler.Label)], bestSilhouette,
            ClusterMetrics.DaviesBouldin(points, best.Assignments, best.Centroids), candidates);
    }
}
