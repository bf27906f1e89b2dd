using System.Numerics;
using RecForge.Randomness;

namespace RecForge.Clustering;

/// <summary>A k-means solution: centroids, each point's cluster and squared distance to its centroid, and the total.</summary>
/// <param name="Centroids">k centroids.</param>
/// <param name="Assignments">Cluster of each point.</param>
/// <param name="Distances">Euclidean distance of each point to its centroid.</param>
/// <param name="Inertia">Sum of squared distances (the k-means objective).</param>
public sealed record KMeansResult(float[][] Centroids, int[] Assignments, double[] Distances, double Inertia);

/// <summary>
/// k-means with k-means++ seeding (Arthur and Vassilvitskii 2007) and several restarts, keeping the lowest inertia;
/// Lloyd iterations for small inputs, mini-batch updates (Sculley 2010) for large ones. Deterministic for a seed.
/// </summary>
internal static class KMeans
{
    /// <summary>Above this many points, iterations use mini-batches of <see cref="MiniBatchSize"/>.</summary>
    public const int MiniBatchThreshold = 50_000;

    /// <summary>Points per mini-batch step.</summary>
    public const int MiniBatchSize = 4096;

    /// <summary>Clusters <paramref name="points"/> (all of one dimension) into <paramref name="k"/> groups.</summary>
    public static KMeansResult Fit(float[][] points, int k, ulong seed, int restarts = 4, int maxIterations = 60) => Fit(points, k, seed, null, restarts, maxIterations);

    /// <summary>Clusters <paramref name="points"/> into <paramref name="k"/> groups, calling <paramref name="restartDone"/> as each restart ends (from worker threads).</summary>
    public static KMeansResult Fit(float[][] points, int k, ulong seed, Action? restartDone, int restarts = 4, int maxIterations = 60)
    {
        if (k < 1 || k > points.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"k = {k} must be between 1 and the number of points ({points.Length})");
        }

        // Restarts are independent (each has its own random stream) and run in parallel; the lowest inertia wins,
        // the earlier restart on a tie, so the result does not depend on the thread count.
        var results = new KMeansResult[restarts];
        Parallel.For(0, restarts, r =>
        {
            var rng = new Rng(StreamKey.Combine(seed, (ulong)r + 1));
            float[][] centroids = SeedPlusPlus(points, k, ref rng);
            if (points.Length > MiniBatchThreshold)
            {
                MiniBatch(points, centroids, ref rng, maxIterations * 4);
            }
            else
            {
                Lloyd(points, centroids, maxIterations);
            }

            results[r] = Assign(points, centroids);
            restartDone?.Invoke();
        });
        KMeansResult best = results[0];
        foreach (KMeansResult result in results)
        {
            if (result.Inertia < best.Inertia)
            {
                best = result;
            }
        }

        return best;
    }

    /// <summary>Assigns every point to its nearest centroid.</summary>
    public static KMeansResult Assign(float[][] points, float[][] centroids)
    {
        var assignments = new int[points.Length];
        var distances = new double[points.Length];
        double inertia = 0;
        for (int i = 0; i < points.Length; i++)
        {
            (int c, double d2) = Nearest(points[i], centroids);
            assignments[i] = c;
            distances[i] = Math.Sqrt(d2);
            inertia += d2;
        }

        return new KMeansResult(centroids, assignments, distances, inertia);
    }

    private static float[][] SeedPlusPlus(float[][] points, int k, ref Rng rng)
    {
        var centroids = new float[k][];
        centroids[0] = (float[])points[rng.NextInt64(points.Length)].Clone();
        var d2 = new double[points.Length];
        for (int i = 0; i < points.Length; i++)
        {
            d2[i] = SquaredDistance(points[i], centroids[0]);
        }

        for (int c = 1; c < k; c++)
        {
            // Next centre drawn with probability proportional to the squared distance to the nearest chosen one.
            double total = 0;
            foreach (double v in d2)
            {
                total += v;
            }

            double target = rng.NextDouble() * total;
            int pick = points.Length - 1;
            for (int i = 0; i < points.Length; i++)
            {
                target -= d2[i];
                if (target < 0)
                {
                    pick = i;
                    break;
                }
            }

            centroids[c] = (float[])points[pick].Clone();
            for (int i = 0; i < points.Length; i++)
            {
                d2[i] = Math.Min(d2[i], SquaredDistance(points[i], centroids[c]));
            }
        }

        return centroids;
    }

    private static void Lloyd(float[][] points, float[][] centroids, int maxIterations)
    {
        int k = centroids.Length, dim = points[0].Length;
        var assignments = new int[points.Length];
        Array.Fill(assignments, -1);
        var sums = new double[k, dim];
        var counts = new int[k];
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            bool changed = false;
            for (int i = 0; i < points.Length; i++)
            {
                int c = Nearest(points[i], centroids).Cluster;
                changed |= c != assignments[i];
                assignments[i] = c;
            }

            if (!changed)
            {
                return;
            }

            Array.Clear(sums);
            Array.Clear(counts);
            for (int i = 0; i < points.Length; i++)
            {
                int c = assignments[i];
                counts[c]++;
                for (int d = 0; d < dim; d++)
                {
                    sums[c, d] += points[i][d];
                }
            }

            for (int c = 0; c < k; c++)
            {
                // An emptied cluster keeps its centre; k-means++ seeding makes this rare.
                if (counts[c] > 0)
                {
                    for (int d = 0; d < dim; d++)
                    {
                        centroids[c][d] = (float)(sums[c, d] / counts[c]);
                    }
                }
            }
        }
    }

    private static void MiniBatch(float[][] points, float[][] centroids, ref Rng rng, int steps)
    {
        var seen = new long[centroids.Length];
        for (int step = 0; step < steps; step++)
        {
            for (int b = 0; b < MiniBatchSize; b++)
            {
                float[] x = points[rng.NextInt64(points.Length)];
                int c = Nearest(x, centroids).Cluster;

                // Per-centre learning rate 1/n: each centre is the running mean of the points it has won.
                float eta = 1f / ++seen[c];
                float[] centre = centroids[c];
                for (int d = 0; d < centre.Length; d++)
                {
                    centre[d] += eta * (x[d] - centre[d]);
                }
            }
        }
    }

    private static (int Cluster, double Distance2) Nearest(float[] x, float[][] centroids)
    {
        int best = 0;
        double bestDistance = double.MaxValue;
        for (int c = 0; c < centroids.Length; c++)
        {
            double d = SquaredDistance(x, centroids[c]);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = c;
            }
        }

        return (best, bestDistance);
    }

    /// <summary>Squared Euclidean distance, vectorised.</summary>
    public static double SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        int i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            Vector<float> d = new Vector<float>(a[i..]) - new Vector<float>(b[i..]);
            sum += d * d;
        }

        double total = Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            total += d * d;
        }

        return total;
    }
}
