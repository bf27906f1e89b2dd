using RecForge.Randomness;
using RecForge.Sampling;

namespace RecForge.Core.Tests.Sampling;

public class AliasTableTests
{
    [Fact]
    public void Draws_follow_the_weights()
    {
        double[] weights = [0.20, 0.15, 0.25, 0.20, 0.20, 0.0];
        var table = new AliasTable(weights);
        var rng = new Rng(11);
        var counts = new int[weights.Length];
        const int n = 200_000;
        for (int i = 0; i < n; i++)
        {
            counts[table.Sample(ref rng)]++;
        }

        Assert.Equal(0, counts[5]);

        // Chi-square over the 5 non-zero categories (4 degrees of freedom): 18.5 is the 0.999 quantile.
        double chi = 0;
        for (int i = 0; i < 5; i++)
        {
            double expected = weights[i] * n;
            chi += (counts[i] - expected) * (counts[i] - expected) / expected;
        }

        Assert.True(chi < 18.5, $"chi-square {chi}");
    }

    [Theory]
    [InlineData(new double[0])]
    [InlineData(new[] { 0.0, 0.0 })]
    [InlineData(new[] { 1.0, -0.5 })]
    [InlineData(new[] { 1.0, double.NaN })]
    public void Rejects_impossible_weights(double[] weights)
        => Assert.Throws<ArgumentException>(() => new AliasTable(weights));
}
