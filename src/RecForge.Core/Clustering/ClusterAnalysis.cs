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
    /// <summary>The values of k tried for a range: about twelve, evenly spaced from <paramref name="minK"/> (each costs a full k-means).</summary>
    public static IReadOnlyList<int> KValues(int minK, int maxK)
    {
        // Step ⌈(max − min) / 11⌉ gives at most twelve values (50..100: 50, 55, …, 100 — eleven).
        int step = Math.Max(1, (maxK - minK + 10) / 11);
        var values = new List<int>();
        for (int k = minK; k <= maxK; k += step)
        {
            values.Add(k);
        }

        return values;
    }

    /// <summary>Runs k-means for every k in [<paramref name="minK"/>, <paramref name="maxK"/>] and keeps the best silhouette.</summary>
    public static ClusterAnalysisResult Run(float[][] embeddings, IReadOnlyList<string> texts, int minK, int maxK, ulong seed, int silhouetteSample = 2000)
        => Run(embeddings, texts, minK, maxK, seed, new ClusterRunOptions { SilhouetteSample = silhouetteSample });

    /// <summary>Runs k-means for every k of <see cref="KValues"/>, keeps the best silhouette, and names the clusters.</summary>
    public static ClusterAnalysisResult Run(float[][] embeddings, IReadOnlyList<string> texts, int minK, int maxK, ulong seed, ClusterRunOptions options)
    {
        if (minK < 2 || maxK < minK || maxK > embeddings.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(minK), $"k must be between 2 and the number of items ({embeddings.Length}); got {minK}..{maxK}");
        }

        if (options.Labels == ClusterLabeling.KeyBert && options.LabelEncoder is null)
        {
            throw new ArgumentException("KeyBERT labels need a text encoder (ClusterRunOptions.LabelEncoder)", nameof(options));
        }

        float[][] points = new float[embeddings.Length][];
        for (int i = 0; i < points.Length; i++)
        {
            points[i] = (float[])embeddings[i].Clone();
            World.VectorMath.Normalize(points[i]);
        }

        IReadOnlyList<int> values = KValues(minK, maxK);
        const int restarts = 4;
        int restartsDone = 0, tried = 0;
        var silhouette = new SilhouetteSample(points, options.SilhouetteSample, seed);
        var candidates = new List<KCandidate>();
        KMeansResult? best = null;
        double bestSilhouette = double.MinValue;
        foreach (int k in values)
        {
            options.Progress?.Report(new ClusterProgress(k, tried, values.Count, restartsDone, values.Count * restarts));
            KMeansResult model = KMeans.Fit(points, k, seed, () => options.Progress?.Report(
                new ClusterProgress(k, tried, values.Count, Interlocked.Increment(ref restartsDone), values.Count * restarts)), restarts);
            double score = silhouette.Score(model.Assignments, k);
            candidates.Add(new KCandidate(k, model.Inertia, score));
            tried++;
            if (score > bestSilhouette)
            {
                (best, bestSilhouette) = (model, score);
            }
        }

        int chosen = best!.Centroids.Length;
        string[][] keywords = options.Labels == ClusterLabeling.KeyBert
            ? KeyBertLabeler.Keywords(texts, options.TextVectors ?? points, best.Assignments, chosen, options.LabelEncoder!)
            : ClusterLabeler.Keywords(texts, best.Assignments, chosen);
        return new ClusterAnalysisResult(best, keywords, [.. keywords.Select(ClusterLabeler.Label)], bestSilhouette,
            ClusterMetrics.DaviesBouldin(points, best.Assignments, best.Centroids), candidates);
    }
}
