using RecForge.Randomness;

namespace RecForge.Sampling;

/// <summary>Always the same value (useful in mixtures and for fixing an attribute in a what-if run).</summary>
internal sealed class ConstantSampler(double value) : IScalarSampler
{
    /// <inheritdoc />
    public double Sample(ref Rng rng) => value;
}
