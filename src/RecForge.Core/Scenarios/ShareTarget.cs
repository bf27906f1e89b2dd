namespace RecForge.Scenarios;

/// <summary>The share of events held by the top <paramref name="Fraction"/> of users or items must lie in [Min, Max].</summary>
public sealed record ShareTarget(double Fraction, double Min, double Max);
