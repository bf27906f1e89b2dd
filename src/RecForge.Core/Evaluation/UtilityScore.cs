namespace RecForge.Evaluation;

/// <summary>A model's NDCG@K and Recall@K on real test users, trained on real train users and on the synthetic data.</summary>
public sealed record UtilityScore(string Model, double RealNdcg, double RealRecall, double SyntheticNdcg, double SyntheticRecall, int TestUsers)
{
    /// <summary>Synthetic NDCG / real NDCG.</summary>
    public double NdcgRatio => RealNdcg > 0 ? SyntheticNdcg / RealNdcg : double.NaN;
}
