using RecForge.Core.Tests.Sampling;
using RecForge.Randomness;
using RecForge.Sampling;

namespace RecForge.Core.Tests.Randomness;

// Tolerances: with n = 1,000,000 draws the KS statistic stays under 1.95/sqrt(n) with probability 0.999, and a count
// of an event of probability p lies within 5 standard deviations (5·sqrt(n·p·(1 − p))) of n·p with probability
// 0.9999994. The seed is fixed, so each test is deterministic; a wrong layer table or wedge test moves the body or the
// tails by far more than these bounds.
public class ZigguratNormalTests
{
    private const int N = 1_000_000;

    [Fact]
    public void Ziggurat_normals_match_the_normal_cdf_in_the_body_and_the_tails()
    {
        double[] x = Draw(N);
        Assert.InRange(Stat.Mean(x), -4 / Math.Sqrt(N), 4 / Math.Sqrt(N));
        Assert.InRange(Stat.Variance(x), 0.99, 1.01);
        Assert.True(Stat.KolmogorovSmirnov(x, Stat.NormalCdf) < Stat.KsCritical(N));

        // The base layer's tail beyond R = 3.654 (its own algorithm), the wedges (|x| past a layer's core) and the sign bit.
        AssertCount(x.Count(v => Math.Abs(v) > 3.6541528853610088), 2 * (1 - Stat.NormalCdf(3.6541528853610088)));
        AssertCount(x.Count(v => Math.Abs(v) > 2), 2 * (1 - Stat.NormalCdf(2)));
        AssertCount(x.Count(v => v > 0), 0.5);
        AssertCount(x.Count(v => v > 1 && v < 1.5), Stat.NormalCdf(1.5) - Stat.NormalCdf(1));
        Assert.Contains(x, v => v > 4);
    }

    [Fact]
    public void Beta_draws_over_ziggurat_gammas_match_the_beta_cdf()
    {
        // Beta(2, 5): I_x(2, 5) = P(Binomial(6, x) ≥ 2) = 1 − (1 − x)⁶ − 6x(1 − x)⁵. And a shape below 1 (the boost).
        double[] x = Stat.Draw(new BetaSampler(2, 5), N);
        Assert.True(Stat.KolmogorovSmirnov(x, v => 1 - Math.Pow(1 - v, 6) - (6 * v * Math.Pow(1 - v, 5))) < Stat.KsCritical(N));
        double[] y = Stat.Draw(new BetaSampler(0.5, 1), N);
        Assert.True(Stat.KolmogorovSmirnov(y, Math.Sqrt) < Stat.KsCritical(N)); // Beta(1/2, 1): CDF √x
    }

    [Fact]
    public void The_same_stream_gives_the_same_normals()
    {
        Assert.Equal(Draw(1000), Draw(1000));
    }

    private static double[] Draw(int n)
    {
        var rng = new Rng(11);
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = ZigguratNormal.Next(ref rng);
        }

        return x;
    }

    private static void AssertCount(int count, double p)
    {
        double expected = N * p, sd = Math.Sqrt(N * p * (1 - p));
        Assert.InRange(count, expected - (5 * sd), expected + (5 * sd));
    }
}
