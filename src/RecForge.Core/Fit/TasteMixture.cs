using RecForge.Clustering;
using RecForge.World;

namespace RecForge.Fit;

/// <summary>One fitted taste cluster: its share of users, unit centroid and per-dimension spread of its users.</summary>
/// <param name="Weight">Share of users.</param>
/// <param name="Centroid">Unit direction.</param>
/// <param name="Spread">Standard deviation per dimension around the unit centroid (scaled as the engine mixes: see <see cref="TasteMixture"/>), beside <see cref="Axes"/>.</param>
public sealed record TasteComponent(double Weight, float[] Centroid, float[] Spread)
{
    /// <summary>
    /// The cluster's leading axes of variation, each scaled by its standard deviation (shrunk: see
    /// <see cref="TasteAxes"/>); a user adds z · axis for each, z ~ N(0, 1). Empty for none.
    /// </summary>
    public IReadOnlyList<float[]> Axes { get; init; } = [];
}

/// <summary>
/// Taste clusters as a mixture over user positions: each user's position is the normalised sum of the positions of
/// the items in their history (a fold-in), k-means groups the users, and each cluster keeps its share, direction and
/// per-dimension spread. A synthetic user is then a cluster's centroid plus Gaussian spread, normalised — nobody's
/// own history.
/// </summary>
internal static class TasteMixture
{
    /// <summary>The unit fold-in position of every history over <paramref name="positions"/> (zero for an empty history).</summary>
    public static float[][] FoldIn(IReadOnlyList<int[]> histories, float[] positions, int dimensions)
    {
        var tastes = new float[histories.Count][];
        Parallel.For(0, histories.Count, u =>
        {
            var t = new float[dimensions];
            foreach (int i in histories[u])
            {
                VectorMath.AddScaled(t, positions.AsSpan(i * dimensions, dimensions), 1);
            }

            VectorMath.Normalize(t);
            tastes[u] = t;
        });
        return tastes;
    }

    /// <summary>
    /// Each user's interests: the history's items split in two by spherical 2-means over their positions (seeded with
    /// the fold-in and the item farthest from it), when both halves hold at least a fifth of at least
    /// 2 × <paramref name="minItems"/> items; otherwise the single fold-in. Returns every interest of every user.
    /// </summary>
    public static List<float[]> Interests(IReadOnlyList<int[]> histories, float[] positions, int dimensions, int minItems = 10)
    {
        float[][] foldIn = FoldIn(histories, positions, dimensions);
        var found = new List<float[]>[histories.Count];
        Parallel.For(0, histories.Count, u =>
        {
            int[] h = histories[u];
            found[u] = [foldIn[u]];
            if (h.Length < 2 * minItems)
            {
                return;
            }

            float[][] centers = [(float[])foldIn[u].Clone(), new float[dimensions]];
            int far = h.OrderBy(i => VectorMath.Dot(foldIn[u], positions.AsSpan(i * dimensions, dimensions))).First();
            positions.AsSpan(far * dimensions, dimensions).CopyTo(centers[1]);
            var side = new int[h.Length];
            int[] sizes = new int[2];
            for (int round = 0; round < 8; round++)
            {
                sizes[0] = sizes[1] = 0;
                for (int k = 0; k < h.Length; k++)
                {
                    ReadOnlySpan<float> v = positions.AsSpan(h[k] * dimensions, dimensions);
                    side[k] = VectorMath.Dot(centers[1], v) > VectorMath.Dot(centers[0], v) ? 1 : 0;
                    sizes[side[k]]++;
                }

                if (sizes[0] == 0 || sizes[1] == 0)
                {
                    return;
                }

                Array.Clear(centers[0]);
                Array.Clear(centers[1]);
                for (int k = 0; k < h.Length; k++)
                {
                    VectorMath.AddScaled(centers[side[k]], positions.AsSpan(h[k] * dimensions, dimensions), 1);
                }

                VectorMath.Normalize(centers[0]);
                VectorMath.Normalize(centers[1]);
            }

            if (Math.Min(sizes[0], sizes[1]) >= 0.2 * h.Length)
            {
                found[u] = [centers[0], centers[1]];
            }
        });
        return [.. found.SelectMany(f => f)];
    }

    /// <summary>
    /// Fits <paramref name="clusters"/> components to unit <paramref name="tastes"/>. The engine places a user at the
    /// normalised centroid plus spread, then normalises; the k-means centroid c has |c| &lt; 1, so spreads are divided by
    /// |c| (c + σz and ĉ + (σ/|c|)z point the same way). <paramref name="spreadScale"/> tightens (&lt; 1) or widens them.
    /// Each cluster also keeps up to <paramref name="axes"/> principal axes of its users' deviations (see
    /// <see cref="TasteAxes.Principal"/>); the per-dimension spread is then what the axes leave.
    /// </summary>
    public static List<TasteComponent> Fit(float[][] tastes, int clusters, double spreadScale, ulong seed, int axes = 0)
    {
        int d = tastes[0].Length;
        clusters = Math.Clamp(clusters, 1, tastes.Length);
        KMeansResult k = KMeans.Fit(tastes, clusters, seed);
        var counts = new double[clusters];
        var squares = new double[clusters, d];

        // Each cluster's deviations, in user order, for its principal axes (only when axes are asked for).
        var deviations = new List<float[]>[clusters];
        for (int c = 0; c < clusters; c++)
        {
            deviations[c] = [];
        }

        for (int u = 0; u < tastes.Length; u++)
        {
            int c = k.Assignments[u];
            counts[c]++;
            float[]? deviation = axes > 0 ? new float[d] : null;
            for (int j = 0; j < d; j++)
            {
                float e = tastes[u][j] - k.Centroids[c][j];
                squares[c, j] += (double)e * e;
                if (deviation is not null)
                {
                    deviation[j] = e;
                }
            }

            if (deviation is not null)
            {
                deviations[c].Add(deviation);
            }
        }

        var result = new List<TasteComponent>();
        for (int c = 0; c < clusters; c++)
        {
            if (counts[c] == 0)
            {
                continue;
            }

            float[] centroid = (float[])k.Centroids[c].Clone();
            double norm = Math.Sqrt(VectorMath.Dot(centroid, centroid));
            VectorMath.Normalize(centroid);
            var variance = new double[d];
            for (int j = 0; j < d; j++)
            {
                variance[j] = squares[c, j] / counts[c];
            }

            double scale = spreadScale / Math.Max(norm, 1e-6);
            float[][] kept = axes > 0 ? TasteAxes.Principal(deviations[c], axes, variance, scale, seed) : [];
            var spread = new float[d];
            for (int j = 0; j < d; j++)
            {
                spread[j] = (float)(Math.Sqrt(Math.Max(variance[j], 0)) * scale);
            }

            result.Add(new TasteComponent(counts[c] / tastes.Length, centroid, spread) { Axes = kept });
        }

        return result;
    }

    /// <summary>
    /// Differentially private k-means (the SuLQ recipe, Blum, Dwork, McSherry and Nissim 2005): from fixed starting
    /// directions (±e_j, the leading factor axes), <paramref name="iterations"/> rounds of assignment followed by the
    /// release of each cluster's noisy count and sum — one user adds 1 to one count and a unit vector to one sum, so the
    /// round's sensitivity is √2 — then one release of the spreads (a user's squared deviations have norm ≤ 4).
    /// </summary>
    public static List<TasteComponent> FitPrivate(float[][] tastes, int clusters, double spreadScale, PrivacyBudget privacy, double share, int iterations = 5)
    {
        int d = tastes[0].Length;
        clusters = Math.Max(1, Math.Min(clusters, 2 * d));
        var centroids = new float[clusters][];
        for (int c = 0; c < clusters; c++)
        {
            centroids[c] = new float[d];
            centroids[c][c / 2] = c % 2 == 0 ? 1 : -1;
        }

        var counts = new double[clusters];
        for (int round = 0; round < iterations; round++)
        {
            var release = new double[clusters * (d + 1)];
            foreach (float[] t in tastes)
            {
                int c = Nearest(t, centroids);
                release[c]++;
                for (int j = 0; j < d; j++)
                {
                    release[clusters + c * d + j] += t[j];
                }
            }

            privacy.Perturb($"taste clusters, k-means round {round + 1}", release, share * 0.8 / iterations, Math.Sqrt(2));
            for (int c = 0; c < clusters; c++)
            {
                counts[c] = release[c];
                if (release[c] > 1)
                {
                    for (int j = 0; j < d; j++)
                    {
                        centroids[c][j] = (float)(release[clusters + c * d + j] / release[c]);
                    }
                }
            }
        }

        var squares = new double[clusters * (d + 1)];
        foreach (float[] t in tastes)
        {
            int c = Nearest(t, centroids);
            squares[c]++;
            for (int j = 0; j < d; j++)
            {
                double e = t[j] - centroids[c][j];
                squares[clusters + c * d + j] += e * e;
            }
        }

        privacy.Perturb("taste cluster spreads", squares, share * 0.2, Math.Sqrt(17));
        double total = counts.Sum(c => Math.Max(c, 0));
        var result = new List<TasteComponent>();
        for (int c = 0; c < clusters; c++)
        {
            if (counts[c] <= 1 || squares[c] <= 1)
            {
                continue;
            }

            float[] centroid = centroids[c];
            double norm = Math.Sqrt(VectorMath.Dot(centroid, centroid));
            if (norm < 1e-6)
            {
                continue;
            }

            var unit = (float[])centroid.Clone();
            VectorMath.Normalize(unit);
            var spread = new float[d];
            for (int j = 0; j < d; j++)
            {
                spread[j] = (float)(Math.Sqrt(Math.Max(squares[clusters + c * d + j], 0) / squares[c]) / norm * spreadScale);
            }

            result.Add(new TasteComponent(Math.Max(counts[c], 0) / total, unit, spread));
        }

        return result.Count > 0 ? result : [new TasteComponent(1, centroids[0], [.. Enumerable.Repeat((float)(0.5 * spreadScale), d)])];
    }

    private static int Nearest(float[] t, float[][] centroids)
    {
        int best = 0;
        double bestDistance = double.MaxValue;
        for (int c = 0; c < centroids.Length; c++)
        {
            double distance = KMeans.SquaredDistance(t, centroids[c]);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = c;
            }
        }

        return best;
    }
}
