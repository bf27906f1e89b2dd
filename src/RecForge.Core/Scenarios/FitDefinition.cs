namespace RecForge.Scenarios;

/// <summary>
/// Where a fitted scenario came from (its <c>fit:</c> section, written by <c>recforge fit</c>): the log, how many of
/// its users were learned from, which users were held out, and the differential-privacy guarantee, if any.
/// </summary>
/// <param name="Source">The log's file name.</param>
/// <param name="Users">Users the fit learned from.</param>
/// <param name="Holdout">Share of the log's users held out (0: every user was learned from).</param>
/// <param name="HoldoutSeed">Seed of the hold-out split (the same split <c>recforge evaluate</c> makes with that seed).</param>
/// <param name="Epsilon">ε of the (ε, δ)-DP guarantee, or null without DP.</param>
/// <param name="Delta">δ, or null.</param>
/// <param name="SeededNoise">Whether the DP noise was seeded (reproducible, so not private).</param>
public sealed record FitDefinition(string Source, long Users, double Holdout, ulong HoldoutSeed, double? Epsilon, double? Delta, bool SeededNoise);
