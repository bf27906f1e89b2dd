using RecForge.Randomness;
using RecForge.Sampling;

namespace RecForge.Core.Tests.Sampling;

// Tolerances: with n = 100,000 draws, a sample mean lies within 4 standard errors of the true mean with probability
// 0.99994, and the KS statistic stays under 1.95/sqrt(n) with probability 0.999. Seeds are fixed, so each test is
// deterministic; the bounds say how wrong a sampler may be and still pass: about 1% of a standard deviation.
public class SamplerDistributionTests
{
    private const int N = 100_000;

    [Fact]
    public void Uniform_matches_its_cdf()
    {
        double[] x = Stat.Draw(new UniformSampler(2, 5), N);
        Assert.All(x, v => Assert.InRange(v, 2, 5));
        Assert.True(Stat.KolmogorovSmirnov(x, v => (v - 2) / 3) < Stat.KsCritical(N));
    }

    [Fact]
    public void Uniform_int_covers_every_value_equally()
    {
        double[] x = Stat.Draw(new UniformIntSampler(1, 6), N);
        var counts = x.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal([1.0, 2, 3, 4, 5, 6], counts.Keys.Order());

        // Chi-square with 5 degrees of freedom; 20.5 is the 0.999 quantile.
        double chi = counts.Values.Sum(c => Math.Pow(c - N / 6.0, 2) / (N / 6.0));
        Assert.True(chi < 20.5, $"chi-square {chi}");
    }

    [Fact]
    public void Normal_matches_its_cdf_and_moments()
    {
        double[] x = Stat.Draw(new NormalSampler(10, 3), N);
        Assert.InRange(Stat.Mean(x), 10 - 4 * 3 / Math.Sqrt(N), 10 + 4 * 3 / Math.Sqrt(N));
        Assert.InRange(Math.Sqrt(Stat.Variance(x)), 3 * 0.98, 3 * 1.02);
        Assert.True(Stat.KolmogorovSmirnov(x, v => Stat.NormalCdf((v - 10) / 3)) < Stat.KsCritical(N));
    }

    [Fact]
    public void Lognormal_is_exp_of_a_normal()
    {
        double[] x = Stat.Draw(new LogNormalSampler(0.5, 0.8), N);
        Assert.All(x, v => Assert.True(v > 0));
        Assert.True(Stat.KolmogorovSmirnov(x, v => Stat.NormalCdf((Math.Log(v) - 0.5) / 0.8)) < Stat.KsCritical(N));
    }

    [Theory]
    [InlineData(2.0, 5.0)]
    [InlineData(0.5, 0.5)]
    [InlineData(8.0, 2.0)]
    public void Beta_has_the_right_mean_and_variance(double a, double b)
    {
        double[] x = Stat.Draw(new BetaSampler(a, b), N);
        double mean = a / (a + b);
        double variance = a * b / ((a + b) * (a + b) * (a + b + 1));
        Assert.All(x, v => Assert.InRange(v, 0, 1));
        Assert.InRange(Stat.Mean(x), mean - 4 * Math.Sqrt(variance / N), mean + 4 * Math.Sqrt(variance / N));
        Assert.InRange(Stat.Variance(x), variance * 0.97, variance * 1.03);
    }

    [Theory]
    [InlineData(0.4)]
    [InlineData(3.0)]
    public void Gamma_has_mean_and_variance_equal_to_its_shape(double shape)
    {
        double[] x = Stat.Draw(new GammaSampler(shape), N);
        Assert.InRange(Stat.Mean(x), shape - 4 * Math.Sqrt(shape / N), shape + 4 * Math.Sqrt(shape / N));
        Assert.InRange(Stat.Variance(x), shape * 0.96, shape * 1.04);
    }

    [Fact]
    public void Pareto_matches_its_cdf()
    {
        double[] x = Stat.Draw(new ParetoSampler(2, 1.5), N);
        Assert.All(x, v => Assert.True(v >= 2));
        Assert.True(Stat.KolmogorovSmirnov(x, v => 1 - Math.Pow(2 / v, 1.5)) < Stat.KsCritical(N));
    }

    [Theory]
    [InlineData(4.0)]
    [InlineData(250.0)]
    public void Poisson_has_mean_and_variance_lambda_in_both_algorithms(double lambda)
    {
        double[] x = Stat.Draw(new PoissonSampler(lambda), N);
        Assert.All(x, v => Assert.Equal(Math.Floor(v), v));
        Assert.InRange(Stat.Mean(x), lambda - 4 * Math.Sqrt(lambda / N), lambda + 4 * Math.Sqrt(lambda / N));
        Assert.InRange(Stat.Variance(x), lambda * 0.97, lambda * 1.03);
    }

    [Fact]
    public void Poisson_small_lambda_matches_the_pmf()
    {
        double[] x = Stat.Draw(new PoissonSampler(3), N);
        for (int k = 0; k <= 8; k++)
        {
            double expected = Math.Exp(-3) * Math.Pow(3, k) / Enumerable.Range(1, k).Aggregate(1.0, (f, i) => f * i);
            double observed = x.Count(v => v == k) / (double)N;
            Assert.InRange(observed, expected - 4 * Math.Sqrt(expected / N), expected + 4 * Math.Sqrt(expected / N));
        }
    }

    [Fact]
    public void Weighted_years_grow_geometrically_toward_recent_years()
    {
        double[] x = Stat.Draw(new WeightedYearSampler(2000, 2009, 0.25), N);
        Assert.All(x, v => Assert.InRange(v, 2000, 2009));
        double first = x.Count(v => v == 2000), last = x.Count(v => v == 2009);

        // Expected ratio 1.25^9 = 7.45; the count of year 2000 (~2,100) has a relative error near 2%.
        Assert.InRange(last / first, 7.45 * 0.9, 7.45 * 1.1);
    }

    [Fact]
    public void Mixture_mean_is_the_weighted_mean_of_its_components()
    {
        var mixture = new MixtureSampler([new NormalSampler(0, 1), new NormalSampler(10, 1)], [0.25, 0.75]);
        double[] x = Stat.Draw(mixture, N);
        Assert.InRange(Stat.Mean(x), 7.5 - 0.05, 7.5 + 0.05);
        Assert.InRange(x.Count(v => v < 5) / (double)N, 0.25 - 0.006, 0.25 + 0.006);
    }

    [Fact]
    public void Clamped_sampler_stays_in_range_and_rounds()
    {
        double[] x = Stat.Draw(new ClampedSampler(new NormalSampler(30, 20), 16, 80, 0), N);
        Assert.All(x, v => Assert.InRange(v, 16, 80));
        Assert.All(x, v => Assert.Equal(Math.Round(v), v));
        Assert.Contains(16.0, x);
    }

    [Fact]
    public void Dirichlet_draws_lie_on_the_simplex_with_mean_alpha_over_sum()
    {
        var sampler = new DirichletSampler([1.0, 2.0, 7.0]);
        var rng = new Rng(3);
        var sums = new double[3];
        Span<float> v = stackalloc float[3];
        for (int i = 0; i < N; i++)
        {
            sampler.Sample(ref rng, v);
            Assert.InRange(v[0] + v[1] + v[2], 0.9999, 1.0001);
            for (int j = 0; j < 3; j++)
            {
                sums[j] += v[j];
            }
        }

        Assert.InRange(sums[0] / N, 0.1 - 0.003, 0.1 + 0.003);
        Assert.InRange(sums[2] / N, 0.7 - 0.003, 0.7 + 0.003);
    }
}
