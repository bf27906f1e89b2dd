namespace RecForge.Evaluation;

/// <summary>Distance to the closest real train record (Jaccard over item sets) for synthetic and for real test users, copies and the attack's AUC.</summary>
public sealed record PrivacyScore(double MedianSyntheticDcr, double MedianTestDcr, double DcrRatio, double CopiedShare, double MembershipAuc, int SyntheticSample)
{
    /// <summary>
    /// Share of real test users whose history equals some train user's: the baseline of <see cref="CopiedShare"/>. In a
    /// log of short histories (one or two items a user) unseen real users repeat train users too, so copies there are
    /// the log's shape, not the twin's memory.
    /// </summary>
    public double TestCopiedShare { get; init; }
}
