using RecForge.Fit;
using RecForge.Randomness;
using RecForge.Sampling;

namespace RecForge.Core.Tests.Fit;

public class SamplerTests
{
    [Fact]
    public void Fenwick_draws_in_proportion_to_the_weights_and_never_draws_a_zeroed_index()
    {
        var sampler = new FenwickSampler();
        sampler.Fill([1, 0, 3, 6]);
        var counts = new int[4];
        var rng = new Rng(1);
        const int draws = 200_000;
        for (int i = 0; i < draws; i++)
        {
            counts[sampler.Sample(ref rng)]++;
        }

        // 200,000 draws: a share's standard error is at most √(0.25 / 200,000) ≈ 0.0011; 0.005 is over 4 of them.
        Assert.Equal(0, counts[1]);
        Assert.Equal(0.1, counts[0] / (double)draws, 0.005);
        Assert.Equal(0.3, counts[2] / (double)draws, 0.005);
        Assert.Equal(0.6, counts[3] / (double)draws, 0.005);

        sampler.Set(3, 0);
        Assert.Equal(4, sampler.Total, 12);
        for (int i = 0; i < 1000; i++)
        {
            Assert.NotEqual(3, sampler.Sample(ref rng));
        }

        sampler.Set(0, 0);
        sampler.Set(2, 0);
        Assert.Equal(-1, sampler.Sample(ref rng));
    }

    [Fact]
    public void Quantile_sampler_reproduces_its_quantiles()
    {
        var sampler = new QuantileSampler([0, 1, 10, 100]);
        var rng = new Rng(3);
        double[] draws = [.. Enumerable.Range(0, 90_000).Select(_ => sampler.Sample(ref rng)).Order()];

        // Thirds of the mass lie in [0, 1], [1, 10], [10, 100]; the sample's terciles sit within 1% of the mass of them.
        Assert.InRange(draws[30_000], 0.95, 1.3);
        Assert.InRange(draws[60_000], 9.0, 12.7);
        Assert.True(draws[0] >= 0 && draws[^1] <= 100);
        Assert.Throws<ArgumentException>(() => new QuantileSampler([1, 0]));
    }

    [Fact]
    public void Quantiles_of_a_sample_and_of_a_histogram_match_hand_computed_values()
    {
        Assert.Equal([1, 2.5, 4], Quantiles.Of([4, 1, 3, 2], 3));

        // Two bins [0, 1) and [1, 3) holding 1 and 3: the median (mass 2) is a third of the way into the second bin.
        double[] q = Quantiles.FromHistogram([0, 1, 3], [1, 3], 3);
        Assert.Equal(0, q[0], 12);
        Assert.Equal(1 + 2.0 / 3, q[1], 12);
        Assert.Equal(3, q[2], 12);

        // Negative (noisy) counts are dropped.
        Assert.Equal(Quantiles.FromHistogram([0, 1, 3], [0, 3], 5), Quantiles.FromHistogram([0, 1, 3], [-2, 3], 5));
        Assert.Equal(0, Quantiles.BinOf([0, 1, 3], 0.5));
        Assert.Equal(1, Quantiles.BinOf([0, 1, 3], 1));
        Assert.Equal(1, Quantiles.BinOf([0, 1, 3], 99));
    }

    [Fact]
    public void Calibrated_weights_give_the_target_number_of_users_per_item_under_sampling_without_replacement()
    {
        // 60 items on a circle, 300 users at random angles picking 6 items each ∝ w × affinity without repeats.
        const int items = 60, users = 300, picks = 6;
        var positions = new float[items * 2];
        for (int i = 0; i < items; i++)
        {
            positions[2 * i] = (float)Math.Cos(2 * Math.PI * i / items);
            positions[2 * i + 1] = (float)Math.Sin(2 * Math.PI * i / items);
        }

        var rng = new Rng(4);
        float[][] tastes = [.. Enumerable.Range(0, users).Select(_ =>
        {
            double angle = rng.NextDouble() * 2 * Math.PI;
            return new[] { (float)Math.Cos(angle), (float)Math.Sin(angle) };
        })];
        double[] activity = [.. Enumerable.Repeat((double)picks, users)];

        // Targets: a skewed popularity with the right total (users × picks); the top item is wanted by 137 of the 300 users.
        double[] raw = [.. Enumerable.Range(0, items).Select(i => Math.Pow(i + 1, -0.5))];
        double[] target = [.. raw.Select(r => r / raw.Sum() * users * picks)];
        double[] weights = ChoiceCalibration.Weights(target, positions, 2, [.. tastes.Select(t => new SimulatedUser([t], [1.0]))], activity, sharpness: 4, midpoint: 0.5, iterations: 30);

        double[] calibrated = Simulate(weights, positions, tastes, picks), naive = Simulate(target, positions, tastes, picks);
        double Error(double[] counts) => counts.Zip(target, (c, t) => Math.Abs(c - t)).Sum() / target.Sum();

        // The Poisson approximation of inclusion is close, not exact (items compete within each user's few picks):
        // the calibrated weights miss the targets by under 5% of all picks in total, the head item by under 3%; the
        // targets used as weights directly miss by several times more.
        Assert.True(Error(calibrated) < 0.05, $"calibrated error {Error(calibrated):P1}");
        Assert.True(Error(naive) > 3 * Error(calibrated), $"naive error {Error(naive):P1} vs calibrated {Error(calibrated):P1}");
        Assert.Equal(target[0], calibrated[0], target[0] * 0.03);
    }

    // Monte Carlo: successive sampling without replacement (a Fenwick tree), 20 rounds of all users, mean users per item.
    private static double[] Simulate(double[] weights, float[] positions, float[][] tastes, int picks)
    {
        int items = weights.Length;
        var rng = new Rng(8);
        var counts = new double[items];
        var sampler = new FenwickSampler();
        var scores = new double[items];
        for (int round = 0; round < 20; round++)
        {
            foreach (float[] taste in tastes)
            {
                for (int i = 0; i < items; i++)
                {
                    double cos = World.VectorMath.Dot(taste, positions.AsSpan(2 * i, 2));
                    scores[i] = weights[i] / (1 + Math.Exp(-4 * (cos - 0.5)));
                }

                sampler.Fill(scores);
                for (int k = 0; k < picks; k++)
                {
                    int item = sampler.Sample(ref rng);
                    counts[item] += 1.0 / 20;
                    sampler.Set(item, 0);
                }
            }
        }

        return counts;
    }
}
