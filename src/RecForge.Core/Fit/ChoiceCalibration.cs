namespace RecForge.Fit;

/// <summary>
/// Choice weights that make a twin's item popularity match the log's. A user picks items ∝ w_i · affinity(u, i)
/// without repeats (with several interests: a pick follows interest k with probability π_k), so an item's expected
/// number of users is Σ_u P(i ∈ S_u) — not w_i. With q_ui = Σ_k π_k w_i a_uki / Σ_j w_j a_ukj,
/// successive sampling of n_u items includes i with probability ≈ 1 − exp(−λ_u q_ui), λ_u solving Σ_i (1 − exp(−λ_u q_ui)) = n_u
/// (the Poisson approximation of sampling without replacement, Hájek 1964). Iterative proportional fitting then scales
/// each w_i by (target_i / expected_i)^0.8 until the expected counts meet the targets.
/// </summary>
internal static class ChoiceCalibration
{
    /// <summary>
    /// Weights (largest 1; 0 where the target is 0) for <paramref name="users"/> (interests and their weights) with
    /// <paramref name="activity"/> picks each, items at <paramref name="positions"/>, and affinity 1 / (1 + exp(−κ (cos − μ))).
    /// </summary>
    public static double[] Weights(double[] target, float[] positions, int dimensions, IReadOnlyList<SimulatedUser> users, double[] activity, double sharpness, double midpoint,
        int iterations = 12, double idiosyncrasy = 0, ulong seed = 42, double biasSlope = 0)
    {
        // Each user's popularity bias: (n / n̄)^slope (1 without a slope), as the engine applies it.
        double meanActivity = activity.Average();
        double[] bias = [.. activity.Select(a => biasSlope == 0 ? 1 : Math.Pow(a / meanActivity, biasSlope))];
        int items = target.Length;
        var affinity = new float[users.Count][][];
        Parallel.For(0, users.Count, u =>
        {
            var rng = new Randomness.Rng(Randomness.StreamKey.Combine(seed, (ulong)u));
            var own = new double[items];
            for (int i = 0; i < items; i++)
            {
                // Each simulated user draws their own item factors, as the engine's users do (mean 1: exp(σz − σ²/2)).
                own[i] = idiosyncrasy > 0 ? Math.Exp(idiosyncrasy * rng.NextGaussian() - idiosyncrasy * idiosyncrasy / 2) : 1;
            }

            affinity[u] = new float[users[u].Interests.Length][];
            for (int k = 0; k < users[u].Interests.Length; k++)
            {
                var a = new float[items];
                for (int i = 0; i < items; i++)
                {
                    if (target[i] > 0)
                    {
                        double cos = World.VectorMath.Dot(users[u].Interests[k], positions.AsSpan(i * dimensions, dimensions));
                        a[i] = (float)(own[i] / (1 + Math.Exp(-sharpness * (cos - midpoint))));
                    }
                }

                affinity[u][k] = a;
            }
        });

        int available = target.Count(t => t > 0);
        double wanted = target.Sum();
        var w = new double[items];
        for (int i = 0; i < items; i++)
        {
            w[i] = target[i] > 0 ? target[i] : 0;
        }

        for (int it = 0; it < iterations; it++)
        {
            double[] expected = Expected(w, affinity, [.. users.Select(x => x.Weights)], activity, available, bias);
            double scale = wanted / Math.Max(expected.Sum(), 1e-300);
            for (int i = 0; i < items; i++)
            {
                if (target[i] > 0)
                {
                    w[i] *= Math.Pow(target[i] / Math.Max(expected[i] * scale, 1e-12), 0.8);
                }
            }
        }

        double max = w.Max();
        for (int i = 0; i < items; i++)
        {
            w[i] = max > 0 ? w[i] / max : 0;
        }

        return w;
    }

    /// <summary>Expected users per item: Σ_u (1 − exp(−λ_u q_ui)), affinities per user and interest, <paramref name="mix"/> the interests' weights.</summary>
    public static double[] Expected(double[] w, float[][][] affinity, double[][] mix, double[] activity, int available, double[]? bias = null)
    {
        // Fixed blocks of users, each summed in user order and added in block order: the same bits on any thread count.
        int items = w.Length, blocks = Math.Min(16, Math.Max(1, affinity.Length));
        var partial = new double[blocks][];
        Parallel.For(0, blocks, block =>
        {
            var sum = new double[items];
            var q = new double[items];
            var weights = new double[items];
            for (int u = block * affinity.Length / blocks; u < (block + 1) * affinity.Length / blocks; u++)
            {
                Array.Clear(q);
                double b = bias?[u] ?? 1;
                for (int i = 0; i < items; i++)
                {
                    weights[i] = b == 1 ? w[i] : Math.Pow(w[i], b);
                }

                for (int k = 0; k < affinity[u].Length; k++)
                {
                    float[] a = affinity[u][k];
                    double z = 0;
                    for (int i = 0; i < items; i++)
                    {
                        z += weights[i] * a[i];
                    }

                    for (int i = 0; z > 0 && i < items; i++)
                    {
                        q[i] += mix[u][k] * weights[i] * a[i] / z;
                    }
                }

                double n = Math.Min(activity[u], available - 0.5);
                double lambda = Lambda(q, n);
                for (int i = 0; i < items; i++)
                {
                    sum[i] += 1 - Math.Exp(-lambda * q[i]);
                }
            }

            partial[block] = sum;
        });

        var total = new double[items];
        foreach (double[] sum in partial)
        {
            for (int i = 0; i < items; i++)
            {
                total[i] += sum[i];
            }
        }

        return total;
    }

    // Newton on the concave, increasing F(λ) = Σ (1 − e^(−λ q)) − n from λ = n, where F ≤ 0: the iterates rise to the root.
    private static double Lambda(double[] q, double n)
    {
        double lambda = n;
        for (int step = 0; step < 50; step++)
        {
            double f = -n, slope = 0;
            foreach (double x in q)
            {
                if (x > 0)
                {
                    double e = Math.Exp(-lambda * x);
                    f += 1 - e;
                    slope += x * e;
                }
            }

            if (slope <= 0 || Math.Abs(f) < 1e-6 * n)
            {
                break;
            }

            lambda -= f / slope;
        }

        return lambda;
    }
}
