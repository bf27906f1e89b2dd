namespace RecForge.Quality;

/// <summary>Projects vectors on their first two principal components (power iteration with deflation on the covariance).</summary>
internal static class Pca
{
    /// <summary>2-D coordinates of each of <paramref name="vectors"/> (all of one dimension).</summary>
    public static (double X, double Y)[] Project2D(IReadOnlyList<float[]> vectors)
    {
        int n = vectors.Count;
        if (n == 0)
        {
            return [];
        }

        int d = vectors[0].Length;
        var mean = new double[d];
        foreach (float[] v in vectors)
        {
            for (int j = 0; j < d; j++)
            {
                mean[j] += v[j] / (double)n;
            }
        }

        double[] first = Component(vectors, mean, null);
        double[] second = Component(vectors, mean, first);
        var result = new (double, double)[n];
        for (int i = 0; i < n; i++)
        {
            result[i] = (Dot(vectors[i], mean, first), Dot(vectors[i], mean, second));
        }

        return result;
    }

    // Power iteration on C = XᵀX/n without forming C: v ← Xᵀ(Xv), orthogonalised against the previous component.
    private static double[] Component(IReadOnlyList<float[]> vectors, double[] mean, double[]? previous)
    {
        int d = mean.Length;
        var v = new double[d];
        for (int j = 0; j < d; j++)
        {
            v[j] = 1.0 / Math.Sqrt(d) * (1 + (j % 7) * 0.1); // fixed start, not aligned with any axis
        }

        var next = new double[d];
        for (int iteration = 0; iteration < 100; iteration++)
        {
            Array.Clear(next);
            foreach (float[] x in vectors)
            {
                double s = Dot(x, mean, v);
                for (int j = 0; j < d; j++)
                {
                    next[j] += s * (x[j] - mean[j]);
                }
            }

            if (previous is not null)
            {
                double p = 0;
                for (int j = 0; j < d; j++)
                {
                    p += next[j] * previous[j];
                }

                for (int j = 0; j < d; j++)
                {
                    next[j] -= p * previous[j];
                }
            }

            double norm = Math.Sqrt(next.Sum(x => x * x));
            if (norm == 0)
            {
                return v;
            }

            double change = 0;
            for (int j = 0; j < d; j++)
            {
                double u = next[j] / norm;
                change += Math.Abs(u - v[j]);
                v[j] = u;
            }

            if (change < 1e-9)
            {
                break;
            }
        }

        return v;
    }

    private static double Dot(float[] x, double[] mean, double[] v)
    {
        double s = 0;
        for (int j = 0; j < v.Length; j++)
        {
            s += (x[j] - mean[j]) * v[j];
        }

        return s;
    }
}
