using RecForge.Quality;

namespace RecForge.Core.Tests.Quality;

public class ZipfFitTests
{
    [Theory]
    [InlineData(0.7)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    public void Recovers_the_exponent_of_exact_zipf_frequencies(double alpha)
    {
        // Frequencies exactly proportional to r^-alpha are the likelihood's own fixed point.
        double[] f = [.. Enumerable.Range(1, 500).Select(r => 1000 * Math.Pow(r, -alpha))];
        Assert.Equal(alpha, ZipfFit.Estimate(f), 6);
    }

    [Fact]
    public void Hand_computed_two_rank_case()
    {
        // Two ranks with counts 3 and 1: MLE solves 2^-a/(1+2^-a) = 1/4, so 2^-a = 1/3 and a = log2(3).
        Assert.Equal(Math.Log2(3), ZipfFit.Estimate([1.0, 3.0]), 6);
    }

    [Fact]
    public void Entropy_of_a_uniform_distribution_is_log_n()
    {
        Assert.Equal(Math.Log(4), Entropy.Nats([5, 5, 5, 5]), 12);
        Assert.Equal(0, Entropy.Nats([7, 0]), 12);
    }
}
