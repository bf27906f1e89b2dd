namespace RecForge.Scenarios;

/// <summary>An event type; follow-up probability rises linearly with affinity from <paramref name="Min"/> to <paramref name="Max"/>.</summary>
public sealed record FunnelStep(string Name, double Min, double Max);
