namespace RecForge.Fit;

/// <summary>
/// Choice weights that make a twin's item popularity match the log's. A user picks items ∝ w_i · affinity(u, i)
/// without repeats, so an item's expected number of users is Σ_u P(i ∈ S_u) — not w_i. With q_ui = w_i a_ui / Σ_j w_j a_uj,
/// successive sampling of n_u items includes i with probability ≈ 1 − exp(−λ_u q_ui), λ_u solving Σ_i (1 − exp(−λ_u q_ui)) = n_u
/// (the Poisson approximation of sampling without replacement, Hájek 1964). Iterative proportional fitting then scales
/// each w_i by (target_i / expected_i)^0.8 until the expected counts meet the targets.
/// </summary>
public static class ChoiceCalibration
{
    /// <summary>
    /// Weights (largest 1; 0 where the target is 0) for users at <paramref name="tastes"/> with <paramref name="activity"/>
    /// picks each, items at <paramref name="positions"/>, and affinity 1 / (1 + exp(−κ (cos − μ))).
    /// </summary>
    public static double[] Weights(double[] target, float[] positions, int dimensions, float[][] tastes, double[] activity, double sharpness, double midpoint,
        int iterations = 12, double idiosyncrasy = 0, ulong seed = 42)
    {
        int items = target.Length, users = tastes.Length;
        var affinity = new float[users][];
        Parallel.For(0, users, u =>
        {
            var a = new float[items];
            var rng = new Randomness.Rng(Randomness.StreamKey.Combine(seed, (ulong)u));
            for (int i = 0; i < items; i++)
            {
                // Each simulated user draws their own item factors, as the engine's users do (mean 1: exp(σz − σ²/2)).
                double own = idiosyncrasy > 0 ? Math.Exp(idiosyncrasy * rng.NextGaussian() - idiosyncrasy * idiosyncrasy / 2) : 1;
                if (target[i] > 0)
                {
                    double cos = World.VectorMath.Dot(tastes[u], positions.AsSpan(i * dimensions, dimensions));
                    a[i] = (float)(own / (1 + Math.Exp(-sharpness * (cos - midpoint))));
                }
            }

            affinity[u] = a;
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
            double[] expected = Expected(w, affinity, activity, available);
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

    /// <summary>Expected users per item: Σ_u (1 − exp(−λ_u q_ui)).</summary>
    public static double[] Expected(double[] w, float[][] affinity, double[] activity, int available)
    {
        int items = w.Length;
        var total = new double[items];
        object gate = new();
        Parallel.For(0, affinity.Length, () => (Sum: new double[items], Q: new double[items]), (u, _, local) =>
        {
            float[] a = affinity[u];
            double z = 0;
            for (int i = 0; i < items; i++)
            {
                local.Q[i] = w[i] * a[i];
                z += local.Q[i];
            }

            if (z <= 0)
            {
                return local;
            }

            for (int i = 0; i < items; i++)
            {
                local.Q[i] /= z;
            }

            double n = Math.Min(activity[u], available - 0.5);
            double lambda = Lambda(local.Q, n);
            for (int i = 0; i < items; i++)
            {
                local.Sum[i] += 1 - Math.Exp(-lambda * local.Q[i]);
            }

            return local;
        }, local =>
        {
            lock (gate)
            {
                for (int i = 0; i < items; i++)
                {
                    total[i] += local.Sum[i];
                }
            }
        });
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
