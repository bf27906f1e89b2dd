using RecForge.Fit;
using RecForge.Randomness;

namespace RecForge.Core.Tests.Fit;

/// <summary>The principal axes of a taste cluster: kept where users vary together, none where they only scatter.</summary>
public class TasteAxesTests
{
    private const int Dimensions = 40;

    // One cluster around e₀: users normalise(e₀ + a · z₁ · e₁ + b · noise). With a = 0.3 the variance along e₁ (~0.08
    // after normalising) is ten times the Marchenko–Pastur edge of 400 users in 40 dimensions (~0.008); the noise's own
    // eigenvalues (b² (1 + √0.1)² ≈ 0.004 at most) stay below it.
    private static float[][] Tastes(int users, double along, double noise, ulong seed)
    {
        var rng = new Rng(seed);
        var tastes = new float[users][];
        for (int u = 0; u < users; u++)
        {
            var t = new float[Dimensions];
            t[0] = 1;
            t[1] += (float)(along * rng.NextGaussian());
            for (int j = 0; j < Dimensions; j++)
            {
                t[j] += (float)(noise * rng.NextGaussian());
            }

            World.VectorMath.Normalize(t);
            tastes[u] = t;
        }

        return tastes;
    }

    [Fact]
    public void A_direction_users_vary_along_together_becomes_an_axis_and_leaves_the_spread()
    {
        TasteComponent cluster = Assert.Single(TasteMixture.Fit(Tastes(400, 0.3, 0.05, 1), 1, 1.0, 42, axes: 4));
        TasteComponent plain = Assert.Single(TasteMixture.Fit(Tastes(400, 0.3, 0.05, 1), 1, 1.0, 42));

        // One axis survives the shrinkage, along e₁; its length is the shrunk standard deviation, ~0.27 (√0.08 less
        // the edge, over |c| ≈ 0.96), and the spread along e₁ keeps only what the axis does not explain.
        float[] axis = Assert.Single(cluster.Axes);
        double length = Math.Sqrt(axis.Sum(x => (double)x * x));
        Assert.True(Math.Abs(axis[1]) / length > 0.99, $"axis · e₁ = {axis[1] / length:F3}");
        Assert.InRange(length, 0.2, 0.32);
        Assert.True(cluster.Spread[1] < plain.Spread[1] / 2, $"spread along e₁ {cluster.Spread[1]:F4} with the axis, {plain.Spread[1]:F4} without");
        Assert.Equal(plain.Spread[5], cluster.Spread[5], 0.01);
        Assert.Empty(plain.Axes);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(20)]
    public void Users_who_only_scatter_give_no_axis(int users)
    {
        // Isotropic noise: with 400 users every sample eigenvalue is below the edge; with 20 users in 40 dimensions the
        // deviations span a 19-dimensional subspace with large sample eigenvalues that are still below it, so no axis
        // reproduces a handful of users.
        TasteComponent cluster = Assert.Single(TasteMixture.Fit(Tastes(users, 0, 0.05, 2), 1, 1.0, 42, axes: 8));
        Assert.Empty(cluster.Axes);
    }
}
