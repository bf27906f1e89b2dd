using System.Numerics;
using System.Runtime.InteropServices;

namespace RecForge.Evaluation;

/// <summary>Inverse of a symmetric positive-definite matrix by Cholesky factorisation (A = LLᵀ, A⁻¹ = L⁻ᵀL⁻¹), about n³ flops.</summary>
internal static class SymmetricInverse
{
    /// <summary>Returns A⁻¹ for the row-major n × n matrix <paramref name="a"/> (left unchanged).</summary>
    /// <exception cref="ArgumentException">The matrix is not positive definite.</exception>
    public static double[] Invert(double[] a, int n)
    {
        // Cholesky: L lower-triangular, row-major; every inner loop is a dot product of two contiguous rows.
        var l = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = a[i * n + j] - Dot(l.AsSpan(i * n, j), l.AsSpan(j * n, j));
                if (i == j)
                {
                    if (sum <= 0)
                    {
                        throw new ArgumentException($"matrix is not positive definite (pivot {i})", nameof(a));
                    }

                    l[i * n + i] = Math.Sqrt(sum);
                }
                else
                {
                    l[i * n + j] = sum / l[j * n + j];
                }
            }
        }

        // U = L⁻ᵀ, upper-triangular: row j of U is column j of L⁻¹, found by forward substitution on L x = e_j.
        var u = new double[n * n];
        for (int j = 0; j < n; j++)
        {
            Span<double> row = u.AsSpan(j * n, n);
            row[j] = 1 / l[j * n + j];
            for (int i = j + 1; i < n; i++)
            {
                row[i] = -Dot(l.AsSpan(i * n + j, i - j), row.Slice(j, i - j)) / l[i * n + i];
            }
        }

        // A⁻¹ = L⁻ᵀL⁻¹ = U Uᵀ: entry (i, j) is the dot product of rows i and j of U from column max(i, j) on.
        var inverse = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = Dot(u.AsSpan(i * n + i, n - i), u.AsSpan(j * n + i, n - i));
                inverse[i * n + j] = sum;
                inverse[j * n + i] = sum;
            }
        }

        return inverse;
    }

    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double sum = 0;
        int k = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            ReadOnlySpan<Vector<double>> vx = MemoryMarshal.Cast<double, Vector<double>>(x), vy = MemoryMarshal.Cast<double, Vector<double>>(y);
            for (int v = 0; v < vx.Length; v++)
            {
                acc += vx[v] * vy[v];
            }

            sum = Vector.Dot(acc, Vector<double>.One);
            k = vx.Length * Vector<double>.Count;
        }

        for (; k < x.Length; k++)
        {
            sum += x[k] * y[k];
        }

        return sum;
    }
}
