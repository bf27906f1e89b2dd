using RecForge.Fit;
using RecForge.Randomness;

namespace RecForge.Core.Tests.Fit;

public class LinearAlgebraTests
{
    [Fact]
    public void Jacobi_finds_the_eigenpairs_of_a_hand_made_matrix()
    {
        // [[2, 1], [1, 2]] has eigenvalues 3 (vector (1, 1)/√2) and 1 (vector (1, −1)/√2).
        var (values, vectors) = SymmetricEigen.Decompose([2, 1, 1, 2], 2);
        Assert.Equal(3, values[0], 12);
        Assert.Equal(1, values[1], 12);
        Assert.Equal(1, Math.Abs(vectors[0][0] + vectors[0][1]) / Math.Sqrt(2), 12);
        Assert.Equal(0, vectors[1][0] + vectors[1][1], 12);
    }

    [Fact]
    public void Jacobi_reconstructs_a_random_symmetric_matrix()
    {
        const int n = 12;
        double[] a = RandomSymmetric(n, 3);
        var (values, vectors) = SymmetricEigen.Decompose(a, n);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int k = 0; k < n; k++)
                {
                    sum += values[k] * vectors[k][i] * vectors[k][j];
                }

                Assert.Equal(a[i * n + j], sum, 9);
            }
        }

        Assert.True(values.Zip(values.Skip(1)).All(p => p.First >= p.Second), "eigenvalues are in descending order");
    }

    [Fact]
    public void Subspace_iteration_agrees_with_the_dense_decomposition_on_the_leading_eigenpairs()
    {
        // A PSD matrix BᵀB with a clear gap: its top 4 eigenvalues found through products alone.
        const int n = 40;
        var rng = new Rng(5);
        var b = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                b[i * n + j] = rng.NextGaussian() * (j < 4 ? 6 : 1);
            }
        }

        var g = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                for (int k = 0; k < n; k++)
                {
                    g[i * n + j] += b[k * n + i] * b[k * n + j];
                }
            }
        }

        var (expected, expectedVectors) = SymmetricEigen.Decompose(g, n);
        var (values, vectors) = SubspaceIteration.Top(n, 4, (q, result) =>
        {
            for (int v = 0; v < q.Length; v++)
            {
                for (int i = 0; i < n; i++)
                {
                    double sum = 0;
                    for (int j = 0; j < n; j++)
                    {
                        sum += g[i * n + j] * q[v][j];
                    }

                    result[v][i] = sum;
                }
            }
        }, iterations: 30, seed: 1);
        for (int k = 0; k < 4; k++)
        {
            Assert.Equal(expected[k], values[k], expected[k] * 1e-6);
            double overlap = Math.Abs(vectors[k].Zip(expectedVectors[k], (x, y) => x * y).Sum());
            Assert.True(overlap > 0.9999, $"eigenvector {k}: |cos| = {overlap}");
        }
    }

    [Fact]
    public void Item_factors_put_items_watched_by_the_same_users_together()
    {
        // Two groups of 20 users; group 0 watches items 0–9, group 1 items 10–19 (each user a random 6 of their group's).
        var rng = new Rng(9);
        var histories = new List<int[]>();
        for (int u = 0; u < 40; u++)
        {
            int offset = u < 20 ? 0 : 10;
            histories.Add([.. Enumerable.Range(0, 10).OrderBy(_ => rng.NextDouble()).Take(6).Select(i => i + offset).Order()]);
        }

        // Two factors: the two groups (further whitened factors would be within-group noise weighted like them).
        float[] positions = ItemFactorization.Fit(histories, 20, 2);
        double Cos(int a, int b) => World.VectorMath.Dot(positions.AsSpan(a * 2, 2), positions.AsSpan(b * 2, 2));
        for (int a = 0; a < 20; a++)
        {
            for (int b = 0; b < 20; b++)
            {
                bool same = a / 10 == b / 10;
                Assert.True(same ? Cos(a, b) > 0.5 : Math.Abs(Cos(a, b)) < 0.5, $"items {a} and {b}: cos {Cos(a, b):F3}");
            }
        }
    }

    private static double[] RandomSymmetric(int n, ulong seed)
    {
        var rng = new Rng(seed);
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = i; j < n; j++)
            {
                a[i * n + j] = a[j * n + i] = rng.NextGaussian();
            }
        }

        return a;
    }
}
