using RecForge.Evaluation;

namespace RecForge.Core.Tests.Evaluation;

public class MetricTests
{
    [Fact]
    public void Ndcg_and_recall_match_hand_computed_values()
    {
        // Ranked [5, 3, 9], relevant {3, 9}: DCG = 1/log2(3) + 1/log2(4), IDCG = 1 + 1/log2(3).
        var relevant = new HashSet<int> { 3, 9 };
        double expected = (1 / Math.Log2(3) + 0.5) / (1 + 1 / Math.Log2(3));
        Assert.Equal(expected, RankingMetrics.Ndcg([5, 3, 9], relevant, 3), 12);
        Assert.Equal(0.6934, RankingMetrics.Ndcg([5, 3, 9], relevant, 3), 4);
        Assert.Equal(1.0, RankingMetrics.Recall([5, 3, 9], relevant, 3));
        Assert.Equal(1.0 / 3, RankingMetrics.Recall([5, 3, 9], new HashSet<int> { 3, 7, 8, 11 }, 3), 12);
        Assert.Equal(0.0, RankingMetrics.Ndcg([1, 2], new HashSet<int> { 7 }, 2));
        Assert.Equal(1.0, RankingMetrics.Ndcg([3, 9, 5], relevant, 3), 12);
    }

    [Fact]
    public void Top_k_skips_excluded_items_and_breaks_ties_by_index()
        => Assert.Equal([3, 2], RankingMetrics.TopK([0.1, 0.9, 0.5, 0.9], new HashSet<int> { 1 }, 2));

    [Fact]
    public void Ks_and_tv_complements_and_correlation_similarity_match_hand_computed_values()
    {
        // ECDFs of {1,2,3,4} and {3,4,5,6} differ by at most 0.5 (at 2, 3 and 4).
        Assert.Equal(0.5, FidelityMetrics.KsComplement([1, 2, 3, 4], [3, 4, 5, 6]), 12);
        Assert.Equal(1.0, FidelityMetrics.KsComplement([1, 2, 2, 3], [3, 2, 1, 2]), 12);

        // Shares 0.5 / 0.5 vs 0.75 / 0.25: TV = 0.25.
        Assert.Equal(0.75, FidelityMetrics.TvComplement(new Dictionary<string, double> { ["a"] = 1, ["b"] = 1 }, new Dictionary<string, double> { ["a"] = 3, ["b"] = 1 }), 12);
        Assert.Equal(0.5, FidelityMetrics.TvComplement(new Dictionary<int, double> { [1] = 1 }, new Dictionary<int, double> { [1] = 1, [2] = 1 }), 12);

        // ρ = 1 vs ρ = −1: 1 − |1 − (−1)| / 2 = 0.
        Assert.Equal(0.0, FidelityMetrics.CorrelationSimilarity(([1, 2, 3], [2, 4, 6]), ([1, 2, 3], [3, 2, 1])), 12);
        Assert.Equal(1.0, FidelityMetrics.CorrelationSimilarity(([1, 2, 3], [2, 4, 6]), ([1, 2, 3, 4], [1, 2, 3, 4])), 12);
    }

    [Fact]
    public void Jaccard_dcr_copies_and_auc_match_hand_computed_values()
    {
        Assert.Equal(0.5, PrivacyMetrics.JaccardDistance([1, 2, 3], [2, 3, 4]), 12);
        Assert.Equal(1.0, PrivacyMetrics.JaccardDistance([1], [2]), 12);
        Assert.Equal([0.5, 0.0], PrivacyMetrics.ClosestDistances([[3, 2, 1], [7, 8]], [[2, 3, 4], [8, 7], [9]]));
        Assert.Equal(0.5, PrivacyMetrics.CopiedShare([[1, 2], [3]], [[2, 1], [4]]), 12);

        // Pairs (0.9, 0.1), (0.9, 0.8), (0.8, 0.1) are won, (0.8, 0.8) is a tie: (3 + 0.5) / 4.
        Assert.Equal(0.875, PrivacyMetrics.Auc([0.9, 0.8], [0.1, 0.8]), 12);
        Assert.Equal(0.5, PrivacyMetrics.Auc([1, 1], [1, 1]), 12);
        Assert.Equal(2.5, PrivacyMetrics.Median([4, 1, 2, 3]), 12);
    }
}
