namespace RecForge.Scenarios;

/// <summary>
/// How much of an item is consumed: a skip (under <paramref name="SkipSeconds"/>), a full play (at least
/// <paramref name="CompleteFraction"/> of the duration) or a partial play in between. The skip and full-play
/// probabilities move linearly with affinity from their low to their high values; the skip probability is
/// multiplied by the user's factor (casual listeners skip more).
/// </summary>
public sealed record PlayDefinition(AttributeDefinition Duration, string Column, double SkipLow, double SkipHigh, double CompleteLow, double CompleteHigh,
    (int Slot, string Property)? UserFactor, double SkipSeconds, double CompleteFraction);
