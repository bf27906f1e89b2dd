using RecForge.Randomness;

namespace RecForge.Sampling;

/// <summary>Normal (Gaussian) distribution with the given mean and standard deviation.</summary>
public sealed class NormalSampler(double mean, double sd) : IScalarSampler
{
    /// <inheritdoc />
    public double Sample(ref Rng rng) => mean + sd * rng.NextGaussian();
}
