using RecForge.Randomness;
using RecForge.Text;
using RecForge.World;

namespace RecForge.Truth;

/// <summary>
/// Baseline searches to show that relevance labels mean something: random, BM25 over the items' text, and nearest
/// neighbours of the query's embedding; each scored by mean NDCG@k against the labels.
/// </summary>
public static class SearchBaselines
{
    /// <summary>
    /// Mean NDCG@<paramref name="k"/> of <paramref name="search"/> (query → document ids, best first) over the queries of
    /// <paramref name="set"/>, with the grade as the gain (linear, as trec_eval's ndcg) and the ideal from the labels.
    /// </summary>
    public static double MeanNdcg(QrelsSet set, Func<SearchQuery, IReadOnlyList<string>> search, int k = 10)
    {
        var byQuery = set.Judgments.GroupBy(j => j.Query).ToDictionary(g => g.Key, g => g.ToDictionary(j => j.Document, j => j.Grade, StringComparer.Ordinal), StringComparer.Ordinal);
        double total = 0;
        foreach (SearchQuery query in set.Queries)
        {
            Dictionary<string, int> grades = byQuery.TryGetValue(query.Id, out var g) ? g : [];
            IReadOnlyList<string> ranked = search(query);
            double dcg = 0, ideal = 0;
            for (int r = 0; r < Math.Min(k, ranked.Count); r++)
            {
                dcg += (grades.TryGetValue(ranked[r], out int grade) ? grade : 0) / Math.Log2(r + 2);
            }

            int[] best = [.. grades.Values.OrderDescending().Take(k)];
            for (int r = 0; r < best.Length; r++)
            {
                ideal += best[r] / Math.Log2(r + 2);
            }

            total += ideal > 0 ? dcg / ideal : 0;
        }

        return set.Queries.Count == 0 ? 0 : total / set.Queries.Count;
    }

    /// <summary>k documents drawn uniformly for each query (seeded by the query id).</summary>
    public static Func<SearchQuery, IReadOnlyList<string>> Random(IReadOnlyList<string> documents, ulong seed, int k = 10) => query =>
    {
        var rng = new Rng(StreamKey.Combine(seed, StreamKey.Of("search:random:" + query.Id)));
        var picked = new HashSet<int>();
        while (picked.Count < Math.Min(k, documents.Count))
        {
            picked.Add(rng.NextInt32(documents.Count));
        }

        return [.. picked.Select(i => documents[i])];
    };

    /// <summary>Okapi BM25 (k1 = 1.2, b = 0.75, Robertson–Spärck Jones idf with +1 inside the log, as Lucene) over <paramref name="texts"/>.</summary>
    public static Func<SearchQuery, IReadOnlyList<string>> Bm25(IReadOnlyList<string> ids, IReadOnlyList<string> texts, int k = 10)
    {
        const double k1 = 1.2, b = 0.75;
        var postings = new Dictionary<string, List<(int Doc, int Count)>>(StringComparer.Ordinal);
        var lengths = new int[texts.Count];
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int d = 0; d < texts.Count; d++)
        {
            counts.Clear();
            foreach (string token in Tokens(texts[d]))
            {
                counts[token] = counts.GetValueOrDefault(token) + 1;
                lengths[d]++;
            }

            foreach (var (token, count) in counts)
            {
                if (!postings.TryGetValue(token, out var list))
                {
                    postings[token] = list = [];
                }

                list.Add((d, count));
            }
        }

        double average = lengths.Length == 0 ? 1 : Math.Max(1, lengths.Average());
        return query =>
        {
            var scores = new double[texts.Count];
            foreach (string token in Tokens(query.Text).Distinct(StringComparer.Ordinal))
            {
                if (!postings.TryGetValue(token, out var list))
                {
                    continue;
                }

                double idf = Math.Log(1 + ((texts.Count - list.Count + 0.5) / (list.Count + 0.5)));
                foreach (var (doc, count) in list)
                {
                    scores[doc] += idf * count * (k1 + 1) / (count + (k1 * (1 - b + (b * lengths[doc] / average))));
                }
            }

            return Top(ids, scores, k);
        };
    }

    /// <summary>The documents whose unit <paramref name="vectors"/> are nearest (cosine) to the query encoded by <paramref name="encoder"/>.</summary>
    public static Func<SearchQuery, IReadOnlyList<string>> Nearest(IReadOnlyList<string> ids, float[][] vectors, ITextEncoder encoder, int k = 10) => query =>
    {
        float[][] q = [new float[encoder.Dimension]];
        encoder.Encode([query.Text], q);
        var scores = new double[vectors.Length];
        for (int d = 0; d < vectors.Length; d++)
        {
            scores[d] = VectorMath.Dot(q[0], vectors[d]);
        }

        return Top(ids, scores, k);
    };

    private static string[] Top(IReadOnlyList<string> ids, double[] scores, int k)
        => [.. Evaluation.RankingMetrics.TopK(scores, new HashSet<int>(), k).Select(i => ids[i])];

    private static IEnumerable<string> Tokens(string text)
    {
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            int start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            if (i > start)
            {
                yield return text[start..i].ToLowerInvariant();
            }
        }
    }
}
