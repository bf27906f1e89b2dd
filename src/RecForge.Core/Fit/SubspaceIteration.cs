using RecForge.Randomness;

namespace RecForge.Fit;

/// <summary>
/// The top eigenpairs of a large symmetric positive semi-definite operator known only by its product with a block of
/// vectors (G·Q): block power iteration with re-orthonormalisation, then a Rayleigh–Ritz step on the small projected
/// matrix QᵀGQ (Saad, Numerical Methods for Large Eigenvalue Problems, §5.1; Halko, Martinsson and Tropp 2011).
/// Each iteration costs one operator product plus O(n k²) for the orthonormalisation.
/// </summary>
internal static class SubspaceIteration
{
    /// <summary>
    /// Returns the <paramref name="k"/> leading eigenvalues (descending) and unit eigenvectors of the n × n operator
    /// <paramref name="apply"/>, which writes G·x for each input vector x into the matching output vector.
    /// </summary>
    public static (double[] Values, double[][] Vectors) Top(int n, int k, Action<double[][], double[][]> apply, int iterations, ulong seed)
    {
        k = Math.Min(k, n);
        var q = new double[k][];
        var rng = new Rng(seed);
        for (int j = 0; j < k; j++)
        {
            q[j] = new double[n];
            for (int i = 0; i < n; i++)
            {
                q[j][i] = rng.NextGaussian();
            }
        }

        Orthonormalize(q);
        var g = new double[k][];
        for (int j = 0; j < k; j++)
        {
            g[j] = new double[n];
        }

        for (int it = 0; it < iterations; it++)
        {
            apply(q, g);
            (q, g) = (g, q);
            Orthonormalize(q);
        }

        // Rayleigh–Ritz: eigenvectors of B = QᵀGQ rotate Q into the Ritz vectors.
        apply(q, g);
        var b = new double[k * k];
        Parallel.For(0, k, a =>
        {
            for (int c = 0; c < k; c++)
            {
                b[a * k + c] = Dot(q[a], g[c]);
            }
        });
        for (int a = 0; a < k; a++)
        {
            for (int c = a + 1; c < k; c++)
            {
                double mean = (b[a * k + c] + b[c * k + a]) / 2;
                b[a * k + c] = b[c * k + a] = mean;
            }
        }

        var (values, small) = SymmetricEigen.Decompose(b, k);
        var vectors = new double[k][];
        Parallel.For(0, k, j =>
        {
            var v = new double[n];
            for (int a = 0; a < k; a++)
            {
                double w = small[j][a];
                double[] qa = q[a];
                for (int i = 0; i < n; i++)
                {
                    v[i] += w * qa[i];
                }
            }

            vectors[j] = v;
        });
        return (values, vectors);
    }

    // Modified Gram–Schmidt, twice (one pass loses orthogonality when the block is nearly rank-deficient).
    private static void Orthonormalize(double[][] q)
    {
        for (int pass = 0; pass < 2; pass++)
        {
            for (int j = 0; j < q.Length; j++)
            {
                double[] v = q[j];
                for (int p = 0; p < j; p++)
                {
                    double d = Dot(v, q[p]);
                    double[] u = q[p];
                    for (int i = 0; i < v.Length; i++)
                    {
                        v[i] -= d * u[i];
                    }
                }

                double norm = Math.Sqrt(Dot(v, v));
                if (norm < 1e-12)
                {
                    // A direction the operator does not reach: replace it by a fresh unit vector orthogonal to the rest.
                    Array.Clear(v);
                    v[j % v.Length] = 1;
                    continue;
                }

                for (int i = 0; i < v.Length; i++)
                {
                    v[i] /= norm;
                }
            }
        }
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
