using RecForge.Randomness;

namespace RecForge.Sampling;

/// <summary>Pareto (power law) with minimum <c>scale</c> and tail index <c>alpha</c>: P(X &gt; x) = (scale/x)^alpha.</summary>
internal sealed class ParetoSampler(double scale, double alpha) : IScalarSampler
{
    /// <inheritdoc />
    public double Sample(ref Rng rng) => scale / Math.Pow(rng.NextOpenDouble(), 1.0 / alpha);
}
