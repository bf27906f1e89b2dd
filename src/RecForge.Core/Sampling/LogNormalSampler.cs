using RecForge.Randomness;

namespace RecForge.Sampling;

/// <summary>Log-normal: exp of a normal with parameters <c>mu</c> and <c>sigma</c> on the log scale.</summary>
internal sealed class LogNormalSampler(double mu, double sigma) : IScalarSampler
{
    /// <inheritdoc />
    public double Sample(ref Rng rng) => Math.Exp(mu + sigma * rng.NextGaussian());
}
