namespace RecForge.Scenarios;

/// <summary>How the next item is chosen: shares of preference (affinity × popularity^bias), popularity and uniform exploration; coherence pulls toward the previous item.</summary>
public sealed record ChoiceDefinition(double Preference, double Popularity, double Exploration, double Coherence, double PreferencePopularityBias, int MaxTries)
{
    /// <summary>
    /// Whether preference picks draw from the exact distribution over the whole catalogue, tabulated once per user
    /// (O(items × dimensions) per user) instead of by rejection: right for sharp affinities over catalogues of up to
    /// a few hundred thousand items, where rejection would rarely accept.
    /// </summary>
    public bool Exact { get; init; }

    /// <summary>
    /// σ of each user's own item-level taste: an exact pick's weight is multiplied by exp(σ z − σ²/2), z ~ N(0, 1)
    /// drawn once per (user, item), so users of the same taste still differ in the particular items they choose.
    /// </summary>
    public double Idiosyncrasy { get; init; }

    /// <summary>
    /// How the popularity bias of exact picks moves with activity: a user with n events uses
    /// bias × (n / n̄)^slope, n̄ being the mean events per user — light users lean less on popularity when slope &gt; 0.
    /// </summary>
    public double ActivityBiasSlope { get; init; }

    /// <summary>Items given to chosen users outright (<c>choice.planted</c>), or null.</summary>
    public PlantedPicksDefinition? Planted { get; init; }
}
