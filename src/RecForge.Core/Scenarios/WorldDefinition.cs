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

/// <summary>A taste cluster: a named direction in taste space made of the item categories it likes.</summary>
/// <param name="Name">Cluster name (e.g. mainstream, arthouse).</param>
/// <param name="Weight">Share of users whose strongest cluster this is.</param>
/// <param name="Likes">Item attribute categories (attribute, category index) the cluster is drawn toward.</param>
/// <remarks>
/// A cluster may instead be placed at an explicit <see cref="Centroid"/> (a fitted mixture component), and give its
/// users a per-dimension <see cref="Spread"/> around it.
/// </remarks>
public sealed record TasteClusterDefinition(string Name, double Weight, IReadOnlyList<(CategoryAttribute Attribute, int Category)> Likes)
{
    /// <summary>An explicit centroid (normalised when used), or null to build it from <see cref="Likes"/>.</summary>
    public float[]? Centroid { get; init; }

    /// <summary>Standard deviation of the users of this cluster around the centroid, per dimension, or null for none.</summary>
    public float[]? Spread { get; init; }
}
