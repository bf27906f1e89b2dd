namespace RecForge.Evaluation;

/// <summary>Everything <see cref="TwinEvaluation"/> measured.</summary>
public sealed record EvaluationReport(IReadOnlyList<FidelityScore> Fidelity, IReadOnlyList<UtilityScore> Utility, PrivacyScore Privacy,
    int RealUsers, int SyntheticUsers, long RealPairs, long SyntheticPairs)
{
    /// <summary>The mean of the fidelity scores.</summary>
    public double FidelityOverall => Fidelity.Count == 0 ? 0 : Fidelity.Average(f => f.Score);

    /// <summary>
    /// Whether utility could be measured: some held-out real user has a history of two or more events to split. A log of
    /// single-event users has none, and every NDCG is then 0 by construction, not by merit.
    /// </summary>
    public bool UtilityMeasured => Utility.Count > 0 && Utility[0].TestUsers > 0;

    /// <summary>
    /// Whether the models rank in the same order by NDCG when trained on synthetic and on real data: every pair of models
    /// ordered alike (Kendall τ = 1), so tied scores or an unmeasured utility do not count as agreement.
    /// </summary>
    public bool SameModelOrder => UtilityMeasured && KendallTau == 1;

    /// <summary>Kendall's τ between the models' NDCG order trained on real and on synthetic data (1: the same order).</summary>
    public double KendallTau
    {
        get
        {
            int concordant = 0, discordant = 0;
            for (int a = 0; a < Utility.Count; a++)
            {
                for (int b = a + 1; b < Utility.Count; b++)
                {
                    double sign = Math.Sign(Utility[a].RealNdcg - Utility[b].RealNdcg) * Math.Sign(Utility[a].SyntheticNdcg - Utility[b].SyntheticNdcg);
                    concordant += sign > 0 ? 1 : 0;
                    discordant += sign < 0 ? 1 : 0;
                }
            }

            int pairs = Utility.Count * (Utility.Count - 1) / 2;
            return pairs == 0 ? 1 : (double)(concordant - discordant) / pairs;
        }
    }

    /// <summary>How test histories were split: by time, or at random for a log without times.</summary>
    public string Split { get; init; } = "";

    /// <summary>Whether the real log has times (some two events at different times); without, histories are split at random.</summary>
    public bool Timed { get; init; }

    /// <summary>The share of the real log's events that share their user's timestamp with another event.</summary>
    public double TiedShare { get; init; }

    /// <summary>Synthetic users the fidelity and long-tail measures were computed on (a seeded sample of a larger twin).</summary>
    public int FidelityUsers { get; init; }

    /// <summary>Synthetic users the recommenders were trained on.</summary>
    public int UtilityUsers { get; init; }

    /// <summary>Catalogue coverage and the rarely chosen items.</summary>
    public LongTailScore LongTail { get; init; } = new(0, 0, 0, 0, 0);
}
