using RecForge.Randomness;

namespace RecForge.Sampling;

/// <summary>
/// An empirical distribution given by K + 1 evenly spaced quantiles q₀ ≤ q₁ ≤ … ≤ q_K (q₀ the minimum, q_K the
/// maximum): u ~ U[0, 1) maps to q at position u·K, linear between neighbours — the inverse of a piecewise-linear CDF.
/// It is how a fitted scenario carries a measured distribution (activity, gaps) without assuming its family.
/// </summary>
internal sealed class QuantileSampler : IScalarSampler
{
    private readonly double[] _quantiles;

    /// <summary>Creates the sampler from at least two non-decreasing quantiles.</summary>
    public QuantileSampler(IReadOnlyList<double> quantiles)
    {
        if (quantiles.Count < 2)
        {
            throw new ArgumentException("A quantile sampler needs at least two quantiles (the minimum and the maximum).", nameof(quantiles));
        }

        for (int i = 1; i < quantiles.Count; i++)
        {
            if (!(quantiles[i] >= quantiles[i - 1]))
            {
                throw new ArgumentException($"Quantiles must not decrease: [{i - 1}] = {quantiles[i - 1]} > [{i}] = {quantiles[i]}.", nameof(quantiles));
            }
        }

        _quantiles = [.. quantiles];
    }

    /// <summary>The quantiles.</summary>
    public IReadOnlyList<double> Quantiles => _quantiles;

    /// <inheritdoc />
    public double Sample(ref Rng rng)
    {
        double x = rng.NextDouble() * (_quantiles.Length - 1);
        int k = (int)x;
        return _quantiles[k] + (x - k) * (_quantiles[k + 1] - _quantiles[k]);
    }
}
