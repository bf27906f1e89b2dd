namespace RecForge.Scenarios;

/// <summary>
/// Targets that <c>recforge validate</c> checks beyond what the scenario's own parameters imply (category weights,
/// popularity exponent, time profile and watch-time range are read from their sections).
/// </summary>
/// <param name="TopUsers">Share of events made by the most active <c>Fraction</c> of users, as a [min, max] range.</param>
/// <param name="TopItems">Share of events on the most popular <c>Fraction</c> of items, as a [min, max] range.</param>
/// <param name="Entropy">Minimum Shannon entropy (nats) of item attributes; JSON keys as <c>column.key</c>.</param>
/// <param name="LargestComponent">Minimum share of users and items in the largest connected component of the user–item graph.</param>
/// <param name="ShareTolerance">Largest total-variation distance between measured and configured category shares.</param>
/// <param name="RatingTolerance">Largest total-variation distance between the rating histogram and the one the scenario implies.</param>
public sealed record QualityDefinition(
    ShareTarget? TopUsers,
    ShareTarget? TopItems,
    IReadOnlyList<(string Path, double Min)> Entropy,
    double LargestComponent,
    double ShareTolerance,
    double RatingTolerance = 0.03)
{
    /// <summary>Targets when a scenario has no <c>quality</c> section.</summary>
    public static QualityDefinition Default { get; } = new(null, null, [], 0.9, 0.03);
}
