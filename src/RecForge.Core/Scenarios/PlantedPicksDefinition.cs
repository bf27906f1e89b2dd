namespace RecForge.Scenarios;

/// <summary>
/// Planted picks (<c>events.choice.planted</c>): item i goes outright to PerItem[i] × users / <see cref="PerUsers"/>
/// users (rounded at random, the same way on every run), each chosen among candidates ∝ events^γ × affinity, and
/// the rest of its users come from ordinary picks. A twin plants one user per learned user of the log in each item the
/// log has, so every such item appears, as every item of a real log has at least one user.
/// </summary>
/// <param name="PerItem">Planted users of each item (catalogue row order) per <paramref name="PerUsers"/> users.</param>
/// <param name="PerUsers">The number of users <paramref name="PerItem"/> is given for.</param>
/// <param name="ActivityExponent">γ: how strongly planted items go to active users (1: in proportion to their events).</param>
public sealed record PlantedPicksDefinition(IReadOnlyList<double> PerItem, long PerUsers, double ActivityExponent = 1);
