namespace RecForge.Evaluation;

/// <summary>Top-k ranking metrics for one user (binary relevance).</summary>
internal static class RankingMetrics
{
    /// <summary>
    /// NDCG@k = DCG / IDCG with DCG = Σ_{r ≤ k, item r relevant} 1 / log2(r + 1) and IDCG the DCG of a ranking with all
    /// min(k, |relevant|) relevant items first (Järvelin and Kekäläinen, 2002).
    /// </summary>
    public static double Ndcg(ReadOnlySpan<int> ranked, IReadOnlySet<int> relevant, int k)
    {
        if (relevant.Count == 0)
        {
            return 0;
        }

        double dcg = 0, ideal = 0;
        for (int r = 0; r < Math.Min(k, ranked.Length); r++)
        {
            dcg += relevant.Contains(ranked[r]) ? 1 / Math.Log2(r + 2) : 0;
        }

        for (int r = 0; r < Math.Min(k, relevant.Count); r++)
        {
            ideal += 1 / Math.Log2(r + 2);
        }

        return dcg / ideal;
    }

    /// <summary>Recall@k = relevant items in the top k / min(k, |relevant|), so a perfect list scores 1 (as in Liang et al., 2018).</summary>
    public static double Recall(ReadOnlySpan<int> ranked, IReadOnlySet<int> relevant, int k)
    {
        if (relevant.Count == 0)
        {
            return 0;
        }

        int hits = 0;
        for (int r = 0; r < Math.Min(k, ranked.Length); r++)
        {
            hits += relevant.Contains(ranked[r]) ? 1 : 0;
        }

        return (double)hits / Math.Min(k, relevant.Count);
    }

    /// <summary>The <paramref name="k"/> best-scored items not in <paramref name="exclude"/>, best first (ties: lower index first).</summary>
    public static int[] TopK(ReadOnlySpan<double> scores, IReadOnlySet<int> exclude, int k)
    {
        var best = new List<(double Score, int Item)>(k + 1);
        for (int i = 0; i < scores.Length; i++)
        {
            if (exclude.Contains(i) || (best.Count == k && !Better(scores[i], i, best[^1])))
            {
                continue;
            }

            int at = best.Count;
            while (at > 0 && Better(scores[i], i, best[at - 1]))
            {
                at--;
            }

            best.Insert(at, (scores[i], i));
            if (best.Count > k)
            {
                best.RemoveAt(k);
            }
        }

        var result = new int[best.Count];
        for (int r = 0; r < result.Length; r++)
        {
            result[r] = best[r].Item;
        }

        return result;
    }

    private static bool Better(double score, int item, (double Score, int Item) other)
        => score > other.Score || (score == other.Score && item < other.Item);
}
