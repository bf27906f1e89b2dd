using RecForge.Randomness;

namespace RecForge.Sampling;

/// <summary>Continuous uniform on [min, max).</summary>
internal sealed class UniformSampler(double min, double max) : IScalarSampler
{
    /// <inheritdoc />
    public double Sample(ref Rng rng) => min + (max - min) * rng.NextDouble();
}
