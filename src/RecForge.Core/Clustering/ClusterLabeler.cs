using System.Text;

namespace RecForge.Clustering;

/// <summary>
/// Names clusters by their characteristic phrases: 1–3-word n-grams (English stop words removed, n-grams never span
/// one) scored by class-based TF-IDF — tf(t, c) / words(c) × log(1 + A / f(t)), A the mean words per cluster and f(t)
/// the phrase's count over all clusters (Grootendorst 2022, BERTopic) — then diversified by maximal marginal
/// relevance (Carbonell and Goldstein 1998) so a label is not three spellings of one phrase.
/// </summary>
internal static class ClusterLabeler
{
    // MMR trade-off between relevance and novelty; 0.7 is KeyBERT's default diversity (0.3).
    private const double Lambda = 0.7;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at", "be", "because",
        "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down",
        "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself",
        "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my",
        "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out",
        "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves",
        "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we",
        "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours",
        "yourself", "yourselves", "s", "t", "don", "nan", "one", "two", "also", "us", "get", "got", "way",

        // Articles of the other languages common in film titles, and sequel numerals ("Rocky II", "La Haine").
        "la", "le", "les", "de", "du", "des", "el", "los", "las", "il", "der", "die", "das", "ii", "iii", "iv", "mr",
    };

    /// <summary>The top <paramref name="count"/> keywords of each of <paramref name="k"/> clusters, best first.</summary>
    public static string[][] Keywords(IReadOnlyList<string> texts, int[] labels, int k, int count = 5)
    {
        List<(string Term, double Score)>[] candidates = Candidates(texts, labels, k);
        var result = new string[k][];
        for (int c = 0; c < k; c++)
        {
            result[c] = Diversify(candidates[c], count);
        }

        return result;
    }

    /// <summary>Each cluster's best 30 phrases by class-based TF-IDF (a phrase inside a longer, as frequent one left out), best first.</summary>
    public static List<(string Term, double Score)>[] Candidates(IReadOnlyList<string> texts, int[] labels, int k)
    {
        var perCluster = new Dictionary<string, int>[k];
        var words = new long[k];
        var overall = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < k; c++)
        {
            perCluster[c] = new Dictionary<string, int>(StringComparer.Ordinal);
        }

        var tokens = new List<string>();
        for (int i = 0; i < texts.Count; i++)
        {
            Tokenize(texts[i], tokens);
            int c = labels[i];
            words[c] += tokens.Count;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string gram in NGrams(tokens))
            {
                // Count a phrase once per item, so one long description cannot dominate its cluster's label.
                if (seen.Add(gram))
                {
                    perCluster[c][gram] = perCluster[c].GetValueOrDefault(gram) + 1;
                    overall[gram] = overall.GetValueOrDefault(gram) + 1;
                }
            }
        }

        double meanWords = Math.Max(1, words.Sum() / (double)k);
        var result = new List<(string Term, double Score)>[k];
        for (int c = 0; c < k; c++)
        {
            var scored = perCluster[c]
                .Where(p => p.Value >= 2 || perCluster[c].Count < 20)
                .Select(p => (Term: p.Key, Score: p.Value / (double)Math.Max(1, words[c]) * Math.Log(1 + (meanWords / overall[p.Key]))))
                .OrderByDescending(p => p.Score).ThenBy(p => p.Term, StringComparer.Ordinal)
                .Take(90)
                .ToList();

            // A phrase inside a longer phrase that occurs (nearly) as often is the same keyword cut short: "sci" and
            // "fi" of "sci fi", "zombie" of "zombie apocalypse".
            Dictionary<string, int> counts = perCluster[c];
            result[c] = [.. scored.Where(p => !scored.Any(q => q.Term.Length > p.Term.Length && counts[q.Term] >= 0.8 * counts[p.Term]
                && $" {q.Term} ".Contains($" {p.Term} ", StringComparison.Ordinal))).Take(30)];
        }

        return result;
    }

    /// <summary>A readable name from keywords: the best three, joined.</summary>
    public static string Label(IReadOnlyList<string> keywords) => keywords.Count == 0 ? "(no text)" : string.Join(" / ", keywords.Take(3));

    private static string[] Diversify(List<(string Term, double Score)> candidates, int count)
    {
        var chosen = new List<string>();
        if (candidates.Count == 0)
        {
            return [];
        }

        double top = candidates[0].Score;
        var left = new List<(string Term, double Score)>(candidates);
        while (chosen.Count < count && left.Count > 0)
        {
            int best = 0;
            double bestValue = double.MinValue;
            for (int i = 0; i < left.Count; i++)
            {
                double redundancy = 0;
                foreach (string c in chosen)
                {
                    redundancy = Math.Max(redundancy, Overlap(left[i].Term, c));
                }

                double value = (Lambda * left[i].Score / top) - ((1 - Lambda) * redundancy);
                if (value > bestValue)
                {
                    bestValue = value;
                    best = i;
                }
            }

            chosen.Add(left[best].Term);
            left.RemoveAt(best);
        }

        return [.. chosen];
    }

    // Similarity of two phrases: the Jaccard overlap of their words.
    private static double Overlap(string a, string b)
    {
        string[] x = a.Split(' '), y = b.Split(' ');
        int shared = x.Count(w => Array.IndexOf(y, w) >= 0);
        return shared / (double)(x.Length + y.Length - shared);
    }

    private static IEnumerable<string> NGrams(List<string> tokens)
    {
        var phrase = new StringBuilder();
        for (int i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Length == 0)
            {
                continue;
            }

            phrase.Clear();
            for (int n = 0; n < 3 && i + n < tokens.Count && tokens[i + n].Length > 0; n++)
            {
                phrase.Append(n == 0 ? "" : " ").Append(tokens[i + n]);
                yield return phrase.ToString();
            }
        }
    }

    // Lower-cased words; a stop word or punctuation becomes an empty token that n-grams do not cross.
    private static void Tokenize(string text, List<string> into)
    {
        into.Clear();
        int i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                if (text[i] is not (' ' or '\'' or '-') && into.Count > 0 && into[^1].Length > 0)
                {
                    into.Add("");
                }

                i++;
                continue;
            }

            int start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || (text[i] == '\'' && i + 1 < text.Length && char.IsLetter(text[i + 1]))))
            {
                i++;
            }

            string word = text[start..i].ToLowerInvariant();
            bool stop = StopWords.Contains(word) || word.Length < 2 || word.All(char.IsAsciiDigit);
            into.Add(stop ? "" : word);
        }
    }
}
