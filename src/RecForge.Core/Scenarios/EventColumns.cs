namespace RecForge.Scenarios;

/// <summary>
/// Names of the interaction columns. <paramref name="Type"/> is null when the scenario has no funnel (one kind of
/// event); <paramref name="Rating"/> is null without ratings; <paramref name="Source"/> names an optional ground-truth
/// column recording why each item was picked (preference, popularity or exploration).
/// </summary>
public sealed record EventColumns(string User, string Item, string? Type, string WatchTime, string Timestamp, string? Rating = null, string? Source = null, string? Session = null);
