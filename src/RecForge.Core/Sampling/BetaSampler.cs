using RecForge.Randomness;

namespace RecForge.Sampling;

/// <summary>Beta(a, b) on [0, 1], drawn as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b).</summary>
internal sealed class BetaSampler : IScalarSampler
{
    private readonly double _a;
    private readonly double _b;

    /// <summary>Creates the sampler; both shapes must be positive.</summary>
    public BetaSampler(double a, double b)
    {
        if (!(a > 0) || !(b > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(a), $"Beta shapes must be > 0, got a={a}, b={b}.");
        }

        _a = a;
        _b = b;
    }

    /// <summary>The Beta with a given mean in (0, 1) and concentration a + b.</summary>
    public static BetaSampler FromMean(double mean, double concentration) => new(mean * concentration, (1 - mean) * concentration);

    /// <inheritdoc />
    public double Sample(ref Rng rng) => Draw(ref rng, _a, _b);

    /// <summary>One Beta(a, b) draw without constructing a sampler.</summary>
    /// <remarks>
    /// The gammas' normals come from the ziggurat (<see cref="ZigguratNormal"/>): a media interaction's watch time
    /// is one Beta draw, and Box–Muller's logarithm and cosine were ~5% of an interactions run (issue 19). Changed
    /// the watch_time values of every scenario with watch time, and beta attributes, at stop 32.
    /// </remarks>
    public static double Draw(ref Rng rng, double a, double b)
    {
        double x = GammaSampler.Draw<ZigguratNormal>(ref rng, a);
        double y = GammaSampler.Draw<ZigguratNormal>(ref rng, b);
        return x / (x + y);
    }
}
