using RecForge.Randomness;

namespace RecForge.Sampling;

/// <summary>Wraps a sampler to clamp into [min, max] and optionally round to a number of decimals.</summary>
internal sealed class ClampedSampler(IScalarSampler inner, double min, double max, int? decimals) : IScalarSampler
{
    /// <inheritdoc />
    public double Sample(ref Rng rng)
    {
        double x = Math.Clamp(inner.Sample(ref rng), min, max);
        return decimals is int d ? Math.Round(x, d, MidpointRounding.AwayFromZero) : x;
    }
}
