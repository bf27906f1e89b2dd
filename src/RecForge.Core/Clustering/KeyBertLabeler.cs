using RecForge.Text;

namespace RecForge.Clustering;

/// <summary>
/// KeyBERT-style cluster names (Grootendorst 2020): candidate phrases embedded with the same text model as the items,
/// ranked by cosine to the cluster's centroid in that model's space, and diversified by maximal marginal relevance
/// with KeyBERT's formula — (1 − diversity) × sim(phrase, centroid) − diversity × max sim(phrase, chosen) — at diversity 0.7.
/// </summary>
/// <remarks>
/// Candidates are each cluster's 30 best 1–3-grams by class-based TF-IDF, as BERTopic's KeyBERTInspired representation
/// does: embedding every n-gram of a 100-item cluster would cost thousands of model calls per cluster for phrases that
/// occur once. Each distinct phrase is encoded once for all clusters.
/// </remarks>
public static class KeyBertLabeler
{
    /// <summary>KeyBERT's MMR diversity (its <c>diversity</c> parameter; 0 is pure relevance, 1 pure novelty).</summary>
    public const double Diversity = 0.7;

    /// <summary>The top <paramref name="count"/> keywords of each of <paramref name="k"/> clusters, best first.</summary>
    /// <param name="texts">Each item's text.</param>
    /// <param name="vectors">Each item's vector from <paramref name="encoder"/> (unit length).</param>
    /// <param name="labels">Each item's cluster.</param>
    /// <param name="k">Number of clusters.</param>
    /// <param name="encoder">The text model the vectors come from; candidate phrases are encoded with it.</param>
    /// <param name="count">Keywords per cluster.</param>
    public static string[][] Keywords(IReadOnlyList<string> texts, float[][] vectors, int[] labels, int k, ITextEncoder encoder, int count = 5)
    {
        List<(string Term, double Score)>[] candidates = ClusterLabeler.Candidates(texts, labels, k);
        var phrases = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (List<(string Term, double Score)> list in candidates)
        {
            foreach ((string term, _) in list)
            {
                if (index.TryAdd(term, phrases.Count))
                {
                    phrases.Add(term);
                }
            }
        }

        float[][] phraseVectors = new float[phrases.Count][];
        for (int i = 0; i < phraseVectors.Length; i++)
        {
            phraseVectors[i] = new float[encoder.Dimension];
        }

        encoder.Encode(phrases, phraseVectors);
        float[][] centroids = Centroids(vectors, labels, k);
        var result = new string[k][];
        for (int c = 0; c < k; c++)
        {
            result[c] = Mmr([.. candidates[c].Select(p => p.Term)], [.. candidates[c].Select(p => phraseVectors[index[p.Term]])], centroids[c], count);
        }

        return result;
    }

    private static string[] Mmr(string[] terms, float[][] vectors, float[] centroid, int count)
    {
        if (terms.Length == 0)
        {
            return [];
        }

        var relevance = new double[terms.Length];
        for (int i = 0; i < terms.Length; i++)
        {
            relevance[i] = Cosine(vectors[i], centroid);
        }

        var chosen = new List<int>();
        var left = Enumerable.Range(0, terms.Length).ToList();
        while (chosen.Count < count && left.Count > 0)
        {
            int best = -1;
            double bestValue = double.MinValue;
            foreach (int i in left)
            {
                double redundancy = 0;
                foreach (int j in chosen)
                {
                    redundancy = Math.Max(redundancy, Cosine(vectors[i], vectors[j]));
                }

                // The first pick is the most relevant phrase (KeyBERT starts from the argmax of relevance).
                double value = chosen.Count == 0 ? relevance[i] : ((1 - Diversity) * relevance[i]) - (Diversity * redundancy);
                if (value > bestValue)
                {
                    (best, bestValue) = (i, value);
                }
            }

            chosen.Add(best);
            left.Remove(best);
        }

        return [.. chosen.Select(i => terms[i])];
    }

    private static float[][] Centroids(float[][] vectors, int[] labels, int k)
    {
        var centroids = new float[k][];
        for (int c = 0; c < k; c++)
        {
            centroids[c] = new float[vectors[0].Length];
        }

        for (int i = 0; i < vectors.Length; i++)
        {
            float[] centroid = centroids[labels[i]];
            for (int d = 0; d < centroid.Length; d++)
            {
                centroid[d] += vectors[i][d];
            }
        }

        foreach (float[] centroid in centroids)
        {
            World.VectorMath.Normalize(centroid);
        }

        return centroids;
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int d = 0; d < a.Length; d++)
        {
            dot += (double)a[d] * b[d];
            na += (double)a[d] * a[d];
            nb += (double)b[d] * b[d];
        }

        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }
}
