using RecForge.Randomness;

namespace RecForge.Sampling;

/// <summary>Normal (Gaussian) distribution with the given mean and standard deviation.</summary>
internal sealed class NormalSampler(double mean, double sd) : IScalarSampler
{
    /// <inheritdoc />
    public double Sample(ref Rng rng) => mean + sd * rng.NextGaussian();
}
