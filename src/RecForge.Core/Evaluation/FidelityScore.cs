namespace RecForge.Evaluation;

/// <summary>One fidelity score with the two distributions it compared (null for pair trends).</summary>
public sealed record FidelityScore(string Name, string Metric, double Score, IReadOnlyDictionary<string, double>? Real, IReadOnlyDictionary<string, double>? Synthetic);
