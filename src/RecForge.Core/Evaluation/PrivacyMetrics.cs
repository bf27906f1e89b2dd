namespace RecForge.Evaluation;

/// <summary>How close synthetic histories come to real ones, over item sets (Jaccard distance).</summary>
internal static class PrivacyMetrics
{
    /// <summary>Jaccard distance 1 − |A ∩ B| / |A ∪ B| of two sorted, distinct item arrays (0 for two empty sets).</summary>
    public static double JaccardDistance(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                common++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        int union = a.Length + b.Length - common;
        return union == 0 ? 0 : 1 - (double)common / union;
    }

    /// <summary>For each of <paramref name="queries"/>, the distance to the closest of <paramref name="reference"/> (distance to closest record, DCR).</summary>
    public static double[] ClosestDistances(IReadOnlyList<int[]> queries, IReadOnlyList<int[]> reference)
    {
        int[][] sortedReference = [.. reference.Select(r => r.Order().ToArray())];
        var result = new double[queries.Count];
        Parallel.For(0, queries.Count, q =>
        {
            int[] query = [.. queries[q].Order()];
            double best = 1;
            foreach (int[] r in sortedReference)
            {
                best = Math.Min(best, JaccardDistance(query, r));
                if (best == 0)
                {
                    break;
                }
            }

            result[q] = best;
        });
        return result;
    }

    /// <summary>Share of <paramref name="synthetic"/> histories equal (as sets) to some real history.</summary>
    public static double CopiedShare(IReadOnlyList<int[]> synthetic, IReadOnlyList<int[]> real)
    {
        var keys = new HashSet<string>(real.Select(Key), StringComparer.Ordinal);
        return synthetic.Count == 0 ? 0 : synthetic.Count(s => keys.Contains(Key(s))) / (double)synthetic.Count;
    }

    /// <summary>
    /// Area under the ROC curve of scores for positives vs negatives: P(positive &gt; negative) + ½ P(tie), the
    /// Mann–Whitney U statistic normalised. 0.5 means the attacker learns nothing.
    /// </summary>
    public static double Auc(double[] positives, double[] negatives)
    {
        if (positives.Length == 0 || negatives.Length == 0)
        {
            return 0.5;
        }

        var all = positives.Select(s => (Score: s, Positive: true)).Concat(negatives.Select(s => (Score: s, Positive: false))).OrderBy(p => p.Score).ToArray();
        double rankSum = 0;
        for (int i = 0; i < all.Length;)
        {
            int j = i;
            while (j + 1 < all.Length && all[j + 1].Score == all[i].Score)
            {
                j++;
            }

            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++)
            {
                rankSum += all[k].Positive ? rank : 0;
            }

            i = j + 1;
        }

        double u = rankSum - positives.Length * (positives.Length + 1) / 2.0;
        return u / ((double)positives.Length * negatives.Length);
    }

    /// <summary>Median of a sample (NaN when empty).</summary>
    public static double Median(double[] values)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        double[] s = [.. values.Order()];
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    private static string Key(int[] items) => string.Join(',', items.Order());
}
