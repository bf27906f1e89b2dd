namespace RecForge.Evaluation;

/// <summary>Everything <see cref="TwinEvaluation"/> measured.</summary>
public sealed record EvaluationReport(IReadOnlyList<FidelityScore> Fidelity, IReadOnlyList<UtilityScore> Utility, PrivacyScore Privacy,
    int RealUsers, int SyntheticUsers, long RealPairs, long SyntheticPairs)
{
    /// <summary>The mean of the fidelity scores.</summary>
    public double FidelityOverall => Fidelity.Count == 0 ? 0 : Fidelity.Average(f => f.Score);

    /// <summary>Whether the models rank in the same order by NDCG when trained on synthetic and on real data.</summary>
    public bool SameModelOrder => Utility.OrderByDescending(u => u.RealNdcg).Select(u => u.Model).SequenceEqual(Utility.OrderByDescending(u => u.SyntheticNdcg).Select(u => u.Model));
}
