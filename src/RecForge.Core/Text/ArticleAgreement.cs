using System.Text;

namespace RecForge.Text;

/// <summary>
/// Makes English articles in rendered text agree with the words that templates put next to them: vocabulary values
/// such as a place ("the Office") or a plural noun ("Roommates") meet articles written in the template.
/// </summary>
/// <remarks>
/// Rules, applied word by word (a word is a run without spaces):
/// <list type="number">
/// <item>two articles in a row keep the second ("A the Docks" → "The Docks");</item>
/// <item>an article, capitalised words, then a lower-case article keep the first ("of the Tender the Office" →
/// "of the Tender Office"): the second came in with a value;</item>
/// <item>"a"/"an" before a plural drops ("A Roommates in Vegas" → "Roommates in Vegas");</item>
/// <item>"a" before a vowel sound becomes "an", and "an" before a consonant "a".</item>
/// </list>
/// Plurals and vowel sounds are judged by spelling (an -s ending that is not -ss, -us, -is, -as, -os; a leading
/// vowel letter, with the usual exceptions such as "unique", "one", "hour"), which fits title-style vocabulary.
/// </remarks>
internal static class ArticleAgreement
{
    private static readonly string[] SingularS = ["series", "species", "news", "lens", "means", "physics", "mathematics", "politics", "chaos"];
    private static readonly string[] ConsonantSoundVowels = ["uni", "use", "usu", "uto", "eu", "one", "once", "ube", "ura", "uro"];
    private static readonly string[] VowelSoundH = ["hour", "honest", "honor", "honour", "heir"];

    /// <summary>The text with its articles made to agree; text without an article is returned as it is.</summary>
    public static string Apply(string text)
    {
        if (!MayHaveArticle(text))
        {
            return text;
        }

        List<string> words = [.. text.Split(' ')];
        bool changed = false;
        for (int i = 0; i < words.Count; i++)
        {
            if (!IsArticle(words[i]))
            {
                continue;
            }

            // 1. Two articles in a row: the first goes, its capital passes on.
            if (i + 1 < words.Count && IsArticle(words[i + 1]))
            {
                words[i + 1] = char.IsUpper(words[i][0]) ? Capitalized(words[i + 1]) : words[i + 1];
                words.RemoveAt(i);
                changed = true;
                i--;
                continue;
            }

            // 2. Article, capitalised words, lower-case article: the second goes.
            int j = i + 1;
            while (j < words.Count && j - i <= 3 && IsCapitalizedWord(words[j]))
            {
                j++;
            }

            if (j > i + 1 && j < words.Count && IsArticle(words[j]) && char.IsLower(words[j][0]))
            {
                words.RemoveAt(j);
                changed = true;
            }

            // 3. and 4. Indefinite articles and the next word.
            if (i + 1 < words.Count && words[i].Length <= 2 && !words[i].Equals("the", StringComparison.OrdinalIgnoreCase))
            {
                string next = words[i + 1];
                bool upper = char.IsUpper(words[i][0]);
                if (IsPlural(next))
                {
                    words[i + 1] = upper ? Capitalized(next) : next;
                    words.RemoveAt(i);
                    changed = true;
                    i--;
                    continue;
                }

                string article = StartsWithVowelSound(next) ? "an" : "a";
                if (!words[i].Equals(article, StringComparison.OrdinalIgnoreCase))
                {
                    words[i] = upper ? Capitalized(article) : article;
                    changed = true;
                }
            }
        }

        return changed ? string.Join(' ', words) : text;
    }

    private static bool MayHaveArticle(string text)
    {
        // Cheap pre-check: a standalone word "a", "an" or "the" somewhere (any case). Most titles and sentences have
        // none, and they are returned without being split into words.
        int start = 0;
        while (start < text.Length)
        {
            int end = text.IndexOf(' ', start);
            if (end < 0)
            {
                end = text.Length;
            }

            ReadOnlySpan<char> word = text.AsSpan(start, end - start);
            if (word.Equals("a", StringComparison.OrdinalIgnoreCase) || word.Equals("an", StringComparison.OrdinalIgnoreCase)
                || word.Equals("the", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            start = end + 1;
        }

        return false;
    }

    private static bool IsArticle(string word)
        => word.Equals("a", StringComparison.OrdinalIgnoreCase) || word.Equals("an", StringComparison.OrdinalIgnoreCase) || word.Equals("the", StringComparison.OrdinalIgnoreCase);

    private static bool IsCapitalizedWord(string word)
    {
        if (word.Length == 0 || !char.IsUpper(word[0]) || IsArticle(word))
        {
            return false;
        }

        foreach (char c in word)
        {
            if (!char.IsLetter(c) && c != '-' && c != '\'')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPlural(string word)
    {
        string w = Letters(word).ToLowerInvariant();
        if (w.Length < 4 || w[^1] != 's' || Array.IndexOf(SingularS, w) >= 0)
        {
            return false;
        }

        return !(w.EndsWith("ss", StringComparison.Ordinal) || w.EndsWith("us", StringComparison.Ordinal) || w.EndsWith("is", StringComparison.Ordinal)
            || w.EndsWith("as", StringComparison.Ordinal) || w.EndsWith("os", StringComparison.Ordinal));
    }

    private static bool StartsWithVowelSound(string word)
    {
        string w = Letters(word).ToLowerInvariant();
        if (w.Length == 0)
        {
            return false;
        }

        foreach (string prefix in VowelSoundH)
        {
            if (w.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        if ("aeiou".IndexOf(w[0], StringComparison.Ordinal) < 0)
        {
            return false;
        }

        foreach (string prefix in ConsonantSoundVowels)
        {
            if (w.StartsWith(prefix, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static string Letters(string word)
    {
        var b = new StringBuilder(word.Length);
        foreach (char c in word)
        {
            if (char.IsLetter(c))
            {
                b.Append(c);
            }
            else if (b.Length > 0)
            {
                break;
            }
        }

        return b.ToString();
    }

    private static string Capitalized(string word) => word.Length == 0 ? word : string.Concat(char.ToUpperInvariant(word[0]).ToString(), word.AsSpan(1));
}
