using RecForge.Randomness;

namespace RecForge.Sampling;

/// <summary>Discrete uniform on the integers min..max inclusive.</summary>
internal sealed class UniformIntSampler(long min, long max) : IScalarSampler
{
    /// <inheritdoc />
    public double Sample(ref Rng rng) => min + rng.NextInt64(max - min + 1);
}
