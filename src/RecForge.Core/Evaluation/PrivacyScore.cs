namespace RecForge.Evaluation;

/// <summary>Distance to the closest real train record (Jaccard over item sets) for synthetic and for real test users, copies and the attack's AUC.</summary>
public sealed record PrivacyScore(double MedianSyntheticDcr, double MedianTestDcr, double DcrRatio, double CopiedShare, double MembershipAuc, int SyntheticSample);
