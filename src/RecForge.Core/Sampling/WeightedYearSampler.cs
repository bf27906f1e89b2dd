using RecForge.Randomness;

namespace RecForge.Sampling;

/// <summary>Integer years in [min, max] whose weights grow geometrically toward recent years.</summary>
/// <remarks>
/// Weight(y) = (1 + growth)^(y - min): a catalogue's yearly output grows roughly exponentially, so a growth of
/// 0.04 (4% a year) puts about half of 1920–2024 titles after 2007. Growth 0 is uniform.
/// </remarks>
internal sealed class WeightedYearSampler : IScalarSampler
{
    private readonly int _min;
    private readonly AliasTable _table;

    /// <summary>Creates the sampler; min ≤ max and growth &gt; -1.</summary>
    public WeightedYearSampler(int min, int max, double growth)
    {
        if (max < min)
        {
            throw new ArgumentOutOfRangeException(nameof(max), $"Year range is empty: {min}..{max}.");
        }

        if (!(growth > -1))
        {
            throw new ArgumentOutOfRangeException(nameof(growth), growth, "Growth must be > -1.");
        }

        _min = min;
        var weights = new double[max - min + 1];
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = Math.Pow(1 + growth, i);
        }

        _table = new AliasTable(weights);
    }

    /// <inheritdoc />
    public double Sample(ref Rng rng) => _min + _table.Sample(ref rng);
}
