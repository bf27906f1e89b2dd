namespace RecForge.Fit;

/// <summary>
/// Eigenvalues and eigenvectors of a small dense symmetric matrix by cyclic Jacobi rotations (Golub and Van Loan,
/// Matrix Computations, §8.5): accurate to rounding, about 10 sweeps of O(n³) — meant for n up to a few hundred.
/// </summary>
internal static class SymmetricEigen
{
    /// <summary>
    /// Decomposes the row-major n × n symmetric <paramref name="matrix"/> (left unchanged) into eigenvalues in
    /// descending order and, for each, its unit eigenvector (<c>vectors[k]</c> belongs to <c>values[k]</c>).
    /// </summary>
    public static (double[] Values, double[][] Vectors) Decompose(double[] matrix, int n)
    {
        double[] a = (double[])matrix.Clone();
        var v = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            v[i * n + i] = 1;
        }

        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0, scale = 0;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    (i == j ? ref scale : ref off) += a[i * n + j] * a[i * n + j];
                }
            }

            if (off <= 1e-24 * Math.Max(scale, 1e-300))
            {
                break;
            }

            for (int p = 0; p < n - 1; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    double apq = a[p * n + q];
                    if (Math.Abs(apq) < 1e-300)
                    {
                        continue;
                    }

                    // The rotation that zeroes a[p, q]: tan(2θ) = 2 a_pq / (a_qq − a_pp), the smaller root for stability.
                    double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
                    double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    if (theta == 0)
                    {
                        t = 1;
                    }

                    double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++)
                    {
                        double akp = a[k * n + p], akq = a[k * n + q];
                        a[k * n + p] = c * akp - s * akq;
                        a[k * n + q] = s * akp + c * akq;
                    }

                    for (int k = 0; k < n; k++)
                    {
                        double apk = a[p * n + k], aqk = a[q * n + k];
                        a[p * n + k] = c * apk - s * aqk;
                        a[q * n + k] = s * apk + c * aqk;
                    }

                    for (int k = 0; k < n; k++)
                    {
                        double vkp = v[k * n + p], vkq = v[k * n + q];
                        v[k * n + p] = c * vkp - s * vkq;
                        v[k * n + q] = s * vkp + c * vkq;
                    }
                }
            }
        }

        int[] order = [.. Enumerable.Range(0, n).OrderByDescending(i => a[i * n + i]).ThenBy(i => i)];
        var values = new double[n];
        var vectors = new double[n][];
        for (int k = 0; k < n; k++)
        {
            int i = order[k];
            values[k] = a[i * n + i];
            vectors[k] = new double[n];
            for (int r = 0; r < n; r++)
            {
                vectors[k][r] = v[r * n + i];
            }
        }

        return (values, vectors);
    }
}
