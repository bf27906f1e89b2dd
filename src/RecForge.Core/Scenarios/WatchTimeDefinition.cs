namespace RecForge.Scenarios;

/// <summary>Watch-time fraction ~ Beta with mean rising from MeanLow to MeanHigh with affinity.</summary>
public sealed record WatchTimeDefinition(double Concentration, double MeanLow, double MeanHigh);
