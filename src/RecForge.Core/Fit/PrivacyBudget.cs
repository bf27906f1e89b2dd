using RecForge.Randomness;

namespace RecForge.Fit;

/// <summary>
/// User-level (ε, δ)-differential privacy for <c>recforge fit --epsilon</c>: every statistic learned from the log is
/// released through the Gaussian mechanism with noise scaled to how much one user can change it (its L2 sensitivity),
/// and the releases compose under zero-concentrated DP (Bun and Steinke 2016). A total ρ-zCDP gives
/// (ρ + 2√(ρ ln 1/δ), δ)-DP, so the budget is ρ = (√(ε + ln 1/δ) − √(ln 1/δ))²; each statistic takes a share of ρ,
/// and a release with sensitivity Δ and share ρ_s has σ = Δ / √(2 ρ_s).
/// </summary>
/// <remarks>
/// The noise comes from the operating system's cryptographic generator unless a noise seed is given — a seeded run
/// is reproducible but no longer private against someone who knows the seed (tests only).
/// </remarks>
public sealed class PrivacyBudget
{
    private readonly List<(string Statistic, double Share, double Sensitivity, double Sigma)> _spent = [];
    private Rng _rng;

    /// <summary>Creates a budget of (<paramref name="epsilon"/>, <paramref name="delta"/>)-DP.</summary>
    public PrivacyBudget(double epsilon, double delta, ulong? noiseSeed = null)
    {
        if (!(epsilon > 0) || !double.IsFinite(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be a positive number");
        }

        if (!(delta > 0 && delta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "delta must be in (0, 1)");
        }

        Epsilon = epsilon;
        Delta = delta;
        double log = Math.Log(1 / delta);
        Rho = Math.Pow(Math.Sqrt(epsilon + log) - Math.Sqrt(log), 2);
        Seeded = noiseSeed is not null;
        _rng = new Rng(noiseSeed ?? BitConverter.ToUInt64(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)));
    }

    /// <summary>ε of the guarantee.</summary>
    public double Epsilon { get; }

    /// <summary>δ of the guarantee.</summary>
    public double Delta { get; }

    /// <summary>The total zCDP budget ρ.</summary>
    public double Rho { get; }

    /// <summary>Whether the noise is seeded (reproducible, not private).</summary>
    public bool Seeded { get; }

    /// <summary>What has been released: each statistic, its share of ρ, sensitivity and noise σ.</summary>
    public IReadOnlyList<(string Statistic, double Share, double Sensitivity, double Sigma)> Spent => _spent;

    /// <summary>The share of ρ not yet spent.</summary>
    public double Remaining => 1 - _spent.Sum(s => s.Share);

    /// <summary>The noise σ a release of L2 sensitivity <paramref name="sensitivity"/> gets with <paramref name="share"/> of ρ.</summary>
    public double SigmaFor(double share, double sensitivity) => sensitivity / Math.Sqrt(2 * Rho * share);

    /// <summary>
    /// Adds N(0, σ²) to every entry of <paramref name="values"/> — one release of the whole vector, whose L2
    /// sensitivity (how far one user can move it) is <paramref name="sensitivity"/> — records it and returns σ.
    /// </summary>
    public double Perturb(string statistic, Span<double> values, double share, double sensitivity)
    {
        if (share <= 0 || share > Remaining + 1e-9)
        {
            throw new InvalidOperationException($"privacy budget overspent by '{statistic}' (share {share}, {Remaining} left)");
        }

        double sigma = SigmaFor(share, sensitivity);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] += sigma * _rng.NextGaussian();
        }

        _spent.Add((statistic, share, sensitivity, sigma));
        return sigma;
    }

    /// <summary>One noisy scalar (see <see cref="Perturb(string, Span{double}, double, double)"/>).</summary>
    public double Perturb(string statistic, double value, double share, double sensitivity)
    {
        Span<double> one = [value];
        Perturb(statistic, one, share, sensitivity);
        return one[0];
    }

    /// <summary>Draws a standard normal from the noise generator (for post-processing that needs randomness).</summary>
    public double NextGaussian() => _rng.NextGaussian();
}
