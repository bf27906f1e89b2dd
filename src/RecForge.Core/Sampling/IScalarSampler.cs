using RecForge.Randomness;

namespace RecForge.Sampling;

/// <summary>A distribution over real numbers that draws from a caller-owned generator.</summary>
/// <remarks>Samplers are immutable and thread-safe; all state lives in the <see cref="Rng"/> passed in.</remarks>
public interface IScalarSampler
{
    /// <summary>Draws one value.</summary>
    double Sample(ref Rng rng);
}
