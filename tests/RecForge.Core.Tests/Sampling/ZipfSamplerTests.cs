using RecForge.Quality;
using RecForge.Randomness;
using RecForge.Sampling;

namespace RecForge.Core.Tests.Sampling;

public class ZipfSamplerTests
{
    [Theory]
    [InlineData(1000, 1.5)]
    [InlineData(1000, 0.8)]
    [InlineData(50, 1.0)]
    public void Rank_frequencies_match_the_bounded_zipf_pmf(long n, double exponent)
    {
        var sampler = new ZipfSampler(n, exponent);
        var rng = new Rng(5);
        const int draws = 200_000;
        var counts = new double[n];
        for (int i = 0; i < draws; i++)
        {
            long k = sampler.SampleRank(ref rng);
            Assert.InRange(k, 1, n);
            counts[k - 1]++;
        }

        double h = 0;
        for (long k = 1; k <= n; k++)
        {
            h += Math.Pow(k, -exponent);
        }

        for (int k = 1; k <= 5; k++)
        {
            double p = Math.Pow(k, -exponent) / h;

            // 4 standard errors of a binomial proportion.
            double tolerance = 4 * Math.Sqrt(p * (1 - p) / draws);
            Assert.InRange(counts[k - 1] / draws, p - tolerance, p + tolerance);
        }

        // The maximum-likelihood fit recovers the exponent; 0.02 is ~4 standard errors at 200k draws.
        Assert.InRange(ZipfFit.Estimate(counts), exponent - 0.02, exponent + 0.02);
    }

    [Theory]
    [InlineData(100_000, 0.5)]
    [InlineData(100_000, 1.0)]
    [InlineData(1_000_000, 1.3)]
    public void Head_table_and_tail_join_without_a_seam(long n, double exponent)
    {
        // Ranks past ZipfSampler.HeadRanks come from rejection-inversion over the tail's hat, the rest from a table:
        // the bands around the seam and the tail as a whole must carry their exact shares of k^-exponent.
        var sampler = new ZipfSampler(n, exponent);
        var rng = new Rng(9);
        const int draws = 1_000_000;
        long m = ZipfSampler.HeadRanks;
        (long From, long To)[] bands = [(1, 1), (2, 10), (m - 999, m), (m + 1, m + 1000), (m + 1, n)];
        var counts = new long[bands.Length];
        for (int i = 0; i < draws; i++)
        {
            long k = sampler.SampleRank(ref rng);
            Assert.InRange(k, 1, n);
            for (int b = 0; b < bands.Length; b++)
            {
                counts[b] += k >= bands[b].From && k <= bands[b].To ? 1 : 0;
            }
        }

        double total = 0;
        var mass = new double[bands.Length];
        for (long k = 1; k <= n; k++)
        {
            double w = Math.Pow(k, -exponent);
            total += w;
            for (int b = 0; b < bands.Length; b++)
            {
                mass[b] += k >= bands[b].From && k <= bands[b].To ? w : 0;
            }
        }

        for (int b = 0; b < bands.Length; b++)
        {
            // 5 standard errors of a binomial proportion (each band fails by chance with probability 6e-7).
            double p = mass[b] / total, tolerance = 5 * Math.Sqrt(p * (1 - p) / draws);
            Assert.InRange(counts[b] / (double)draws, p - tolerance, p + tolerance);
        }
    }

    [Fact]
    public void Works_for_a_hundred_million_ranks_in_constant_time()
    {
        var sampler = new ZipfSampler(100_000_000, 1.1);
        var rng = new Rng(1);
        long max = 0;
        for (int i = 0; i < 100_000; i++)
        {
            max = Math.Max(max, sampler.SampleRank(ref rng));
        }

        Assert.InRange(max, 1_000_000, 100_000_000);
    }

    [Fact]
    public void Rejects_a_non_positive_exponent()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new ZipfSampler(10, 0));
}
