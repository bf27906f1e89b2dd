namespace RecForge.Scenarios;

/// <summary>The latent taste space shared by items and users, and the functions derived from it.</summary>
/// <param name="Dimensions">Latent dimensions.</param>
/// <param name="ItemNoise">Spread of items around their categories' centroids.</param>
/// <param name="UserNoise">Spread of users around their clusters' mixture.</param>
/// <param name="PopularityExponent">Zipf exponent of item popularity by rank.</param>
/// <param name="AffinitySharpness">Slope κ of affinity = 1 / (1 + exp(-κ (cos(u, i) - μ))).</param>
/// <param name="AffinityMidpoint">Midpoint μ of the affinity logistic.</param>
/// <param name="Clusters">Taste clusters users are mixtures of.</param>
/// <param name="ClustersPerUserMin">Fewest clusters per user.</param>
/// <param name="ClustersPerUserMax">Most clusters per user.</param>
/// <param name="StratifyClusters">Users' strongest clusters take exactly their weights' shares instead of being drawn.</param>
/// <param name="CreatorPopularityExponent">Zipf exponent of creator popularity by rank.</param>
public sealed record WorldDefinition(
    int Dimensions,
    double ItemNoise,
    double UserNoise,
    double PopularityExponent,
    double AffinitySharpness,
    double AffinityMidpoint,
    IReadOnlyList<TasteClusterDefinition> Clusters,
    int ClustersPerUserMin,
    int ClustersPerUserMax,
    bool StratifyClusters = false,
    double CreatorPopularityExponent = 1.0)
{
    /// <summary>Relative popularity of each item from the catalogue file (<c>popularity: { column }</c>), or null for Zipf by rank.</summary>
    public IReadOnlyList<double>? PopularityWeights { get; init; }

    /// <summary>Unit taste positions of the items from the catalogue file, item after item (<see cref="Dimensions"/> each), or null to derive them.</summary>
    public float[]? ItemPositions { get; init; }

    /// <summary>
    /// How a user's clusters combine: false mixes their centroids into one position; true keeps one position per
    /// cluster (interests) and lets each pick follow one interest, chosen by the mixture weights.
    /// </summary>
    public bool MixByPicks { get; init; }
}
