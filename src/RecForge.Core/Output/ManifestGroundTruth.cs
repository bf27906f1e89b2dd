namespace RecForge.Output;

/// <summary>The manifest's description of a dataset's ground truth (<c>--ground-truth</c>).</summary>
/// <param name="Affinity">The true affinity function of a user and an item.</param>
/// <param name="Sharpness">κ of the affinity function.</param>
/// <param name="Midpoint">μ of the affinity function.</param>
/// <param name="Positions">Which positions the function takes.</param>
/// <param name="Choice">The choice mix the events were drawn with.</param>
/// <param name="Oracle">How the oracle's expected choice probability is computed.</param>
/// <param name="TopK">The oracle's list length per user.</param>
public sealed record ManifestGroundTruth(string Affinity, double Sharpness, double Midpoint, string Positions, ManifestChoice Choice, string Oracle, int TopK);

/// <summary>The choice mix of a dataset's events (see the scenario's <c>events.choice</c>).</summary>
/// <param name="Preference">Share of preference picks.</param>
/// <param name="Popularity">Share of popularity picks.</param>
/// <param name="Exploration">Share of uniform picks.</param>
/// <param name="Coherence">Chance a preference pick aims between the taste and the previous item.</param>
/// <param name="PopularityBias">Exponent of popularity in preference picks.</param>
/// <param name="Sampler">How preference picks are drawn: <c>rejection</c> or <c>exact</c>.</param>
/// <param name="Idiosyncrasy">σ of users' own lognormal item factors (0: none).</param>
/// <param name="ActivityBiasSlope">How the popularity exponent moves with a user's activity.</param>
public sealed record ManifestChoice(double Preference, double Popularity, double Exploration, double Coherence, double PopularityBias, string Sampler, double Idiosyncrasy, double ActivityBiasSlope);
