using RecForge.Randomness;

namespace RecForge.Sampling;

/// <summary>Draws rank k in 1..n with probability ∝ weight[k − 1] (weights in rank order), in O(1) by an alias table.</summary>
internal sealed class WeightedRankSampler : IRankSampler
{
    private readonly AliasTable _table;

    /// <summary>Creates the sampler; <paramref name="weightsByRank"/>[0] is the weight of rank 1.</summary>
    public WeightedRankSampler(ReadOnlySpan<double> weightsByRank) => _table = new AliasTable(weightsByRank);

    /// <inheritdoc />
    public long SampleRank(ref Rng rng) => _table.Sample(ref rng) + 1;
}
