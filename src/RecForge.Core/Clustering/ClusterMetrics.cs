using RecForge.Randomness;

namespace RecForge.Clustering;

/// <summary>Quality measures of a clustering: silhouette, Davies–Bouldin and adjusted Rand index.</summary>
public static class ClusterMetrics
{
    /// <summary>
    /// Mean silhouette s = (b − a) / max(a, b), a the mean distance to the point's own cluster, b to the nearest other
    /// cluster (Rousseeuw 1987); over a sample of at most <paramref name="sample"/> points (all distances are still to
    /// every point), so large catalogues cost O(sample × n).
    /// </summary>
    public static double Silhouette(float[][] points, int[] labels, int k, int sample = 2000, ulong seed = 1)
    {
        int[] chosen = Sample(points.Length, sample, seed);
        var counts = new int[k];
        foreach (int l in labels)
        {
            counts[l]++;
        }

        // Sampled points are scored in parallel and summed in sample order, so the result does not depend on threads.
        var scores = new double[chosen.Length];
        Parallel.For(0, chosen.Length, () => new double[k], (s, _, sums) =>
        {
            int i = chosen[s];
            Array.Clear(sums);
            for (int j = 0; j < points.Length; j++)
            {
                if (j != i)
                {
                    sums[labels[j]] += Math.Sqrt(KMeans.SquaredDistance(points[i], points[j]));
                }
            }

            scores[s] = PointSilhouette(labels[i], sums, counts);
            return sums;
        }, _ => { });
        double total = 0;
        foreach (double score in scores)
        {
            total += score;
        }

        return total / chosen.Length;
    }

    /// <summary>
    /// Davies–Bouldin index (1979): the mean over clusters of max over others of (s_i + s_j) / d(c_i, c_j), s the mean
    /// distance of a cluster's points to its centroid. Lower is better.
    /// </summary>
    public static double DaviesBouldin(float[][] points, int[] labels, float[][] centroids)
    {
        int k = centroids.Length;
        var scatter = new double[k];
        var counts = new int[k];
        for (int i = 0; i < points.Length; i++)
        {
            scatter[labels[i]] += Math.Sqrt(KMeans.SquaredDistance(points[i], centroids[labels[i]]));
            counts[labels[i]]++;
        }

        double sum = 0;
        int used = 0;
        for (int i = 0; i < k; i++)
        {
            if (counts[i] == 0)
            {
                continue;
            }

            double worst = 0;
            for (int j = 0; j < k; j++)
            {
                if (j != i && counts[j] > 0)
                {
                    double separation = Math.Sqrt(KMeans.SquaredDistance(centroids[i], centroids[j]));
                    worst = Math.Max(worst, ((scatter[i] / counts[i]) + (scatter[j] / counts[j])) / separation);
                }
            }

            sum += worst;
            used++;
        }

        return sum / used;
    }

    /// <summary>Adjusted Rand index (Hubert and Arabie 1985): 1 for identical partitions, about 0 for chance.</summary>
    public static double AdjustedRandIndex(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        var table = new Dictionary<(int, int), long>();
        var rows = new Dictionary<int, long>();
        var columns = new Dictionary<int, long>();
        for (int i = 0; i < a.Count; i++)
        {
            table[(a[i], b[i])] = table.GetValueOrDefault((a[i], b[i])) + 1;
            rows[a[i]] = rows.GetValueOrDefault(a[i]) + 1;
            columns[b[i]] = columns.GetValueOrDefault(b[i]) + 1;
        }

        static double Pairs(long n) => n * (n - 1) / 2.0;
        double index = table.Values.Sum(Pairs), sumA = rows.Values.Sum(Pairs), sumB = columns.Values.Sum(Pairs);
        double expected = sumA * sumB / Pairs(a.Count);
        double max = (sumA + sumB) / 2;
        return max == expected ? 1 : (index - expected) / (max - expected);
    }

    /// <summary>
    /// One point's silhouette from its summed distances to each cluster's points (<paramref name="counts"/> of them,
    /// the point itself included in its own): (b − a) / max(a, b); a point alone in its cluster scores 0 by convention.
    /// </summary>
    internal static double PointSilhouette(int own, double[] sums, int[] counts)
    {
        if (counts[own] <= 1)
        {
            return 0;
        }

        double a = sums[own] / (counts[own] - 1);
        double b = double.MaxValue;
        for (int c = 0; c < counts.Length; c++)
        {
            if (c != own && counts[c] > 0)
            {
                b = Math.Min(b, sums[c] / counts[c]);
            }
        }

        return b == double.MaxValue ? 0 : (b - a) / Math.Max(a, b);
    }

    internal static int[] Sample(int n, int size, ulong seed)
    {
        if (n <= size)
        {
            return [.. Enumerable.Range(0, n)];
        }

        // Partial Fisher–Yates: the first `size` slots of a seeded shuffle.
        int[] all = [.. Enumerable.Range(0, n)];
        var rng = new Rng(seed);
        for (int i = 0; i < size; i++)
        {
            int j = i + (int)rng.NextInt64(n - i);
            (all[i], all[j]) = (all[j], all[i]);
        }

        return all[..size];
    }
}
