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

    // The words of the text being agreed, as ranges of it (or of a replacement word): no string per word.
    [ThreadStatic]
    private static List<Word>? t_words;

    /// <summary>The text with its articles made to agree; text without an article is returned as it is.</summary>
    public static string Apply(string text)
    {
        if (!MayHaveArticle(text))
        {
            return text;
        }

        List<Word> words = t_words ??= new List<Word>(64);
        words.Clear();
        for (int start = 0; ;)
        {
            int end = text.IndexOf(' ', start);
            words.Add(new Word(text, start, (end < 0 ? text.Length : end) - start));
            if (end < 0)
            {
                break;
            }

            start = end + 1;
        }

        bool changed = false;
        for (int i = 0; i < words.Count; i++)
        {
            if (!IsArticle(words[i].Span))
            {
                continue;
            }

            // 1. Two articles in a row: the first goes, its capital passes on.
            if (i + 1 < words.Count && IsArticle(words[i + 1].Span))
            {
                words[i + 1] = char.IsUpper(words[i].Span[0]) ? Capitalized(words[i + 1]) : words[i + 1];
                words.RemoveAt(i);
                changed = true;
                i--;
                continue;
            }

            // 2. Article, capitalised words, lower-case article: the second goes.
            int j = i + 1;
            while (j < words.Count && j - i <= 3 && IsCapitalizedWord(words[j].Span))
            {
                j++;
            }

            if (j > i + 1 && j < words.Count && IsArticle(words[j].Span) && char.IsLower(words[j].Span[0]))
            {
                words.RemoveAt(j);
                changed = true;
            }

            // 3. and 4. Indefinite articles and the next word.
            if (i + 1 < words.Count && words[i].Length <= 2 && !words[i].Span.Equals("the", StringComparison.OrdinalIgnoreCase))
            {
                Word next = words[i + 1];
                bool upper = char.IsUpper(words[i].Span[0]);
                if (IsPlural(next.Span))
                {
                    words[i + 1] = upper ? Capitalized(next) : next;
                    words.RemoveAt(i);
                    changed = true;
                    i--;
                    continue;
                }

                string article = StartsWithVowelSound(next.Span) ? "an" : "a";
                if (!words[i].Span.Equals(article, StringComparison.OrdinalIgnoreCase))
                {
                    words[i] = Word.Of(upper ? Capitalized(article) : article);
                    changed = true;
                }
            }
        }

        return changed ? Join(words) : text;
    }

    private static string Join(List<Word> words)
    {
        int length = words.Count - 1;
        foreach (Word w in words)
        {
            length += w.Length;
        }

        return string.Create(length, words, static (destination, words) =>
        {
            int at = 0;
            for (int i = 0; i < words.Count; i++)
            {
                if (i > 0)
                {
                    destination[at++] = ' ';
                }

                words[i].Span.CopyTo(destination[at..]);
                at += words[i].Length;
            }
        });
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

    private static bool IsArticle(ReadOnlySpan<char> word)
        => word.Equals("a", StringComparison.OrdinalIgnoreCase) || word.Equals("an", StringComparison.OrdinalIgnoreCase) || word.Equals("the", StringComparison.OrdinalIgnoreCase);

    private static bool IsCapitalizedWord(ReadOnlySpan<char> word)
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

    // Words are judged by their first run of letters, lower-cased into a stack buffer: no strings per word.
    private const int LongestJudged = 64;

    private static bool IsPlural(ReadOnlySpan<char> word)
    {
        Span<char> buffer = stackalloc char[LongestJudged];
        ReadOnlySpan<char> w = LowerLetters(word, buffer);
        if (w.Length < 4 || w[^1] != 's')
        {
            return false;
        }

        foreach (string singular in SingularS)
        {
            if (w.SequenceEqual(singular))
            {
                return false;
            }
        }

        return !(w.EndsWith("ss", StringComparison.Ordinal) || w.EndsWith("us", StringComparison.Ordinal) || w.EndsWith("is", StringComparison.Ordinal)
            || w.EndsWith("as", StringComparison.Ordinal) || w.EndsWith("os", StringComparison.Ordinal));
    }

    private static bool StartsWithVowelSound(ReadOnlySpan<char> word)
    {
        Span<char> buffer = stackalloc char[LongestJudged];
        ReadOnlySpan<char> w = LowerLetters(word, buffer);
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

    // The word's first run of letters (leading non-letters skipped), lower-cased; a run longer than the buffer (rare)
    // is lower-cased into a string of its own.
    private static ReadOnlySpan<char> LowerLetters(ReadOnlySpan<char> word, Span<char> buffer)
    {
        int start = 0;
        while (start < word.Length && !char.IsLetter(word[start]))
        {
            start++;
        }

        int end = start;
        while (end < word.Length && char.IsLetter(word[end]))
        {
            end++;
        }

        ReadOnlySpan<char> letters = word[start..end];
        if (letters.Length > buffer.Length)
        {
            return letters.ToString().ToLowerInvariant();
        }

        int written = letters.ToLowerInvariant(buffer);
        return buffer[..written];
    }

    private static Word Capitalized(Word word) => word.Length == 0 ? word : Word.Of(Capitalized(word.Span.ToString()));

    private static string Capitalized(string word) => word.Length == 0 ? word : string.Concat(char.ToUpperInvariant(word[0]).ToString(), word.AsSpan(1));

    // A word: Length characters of Source from Start.
    private readonly record struct Word(string Source, int Start, int Length)
    {
        public ReadOnlySpan<char> Span => Source.AsSpan(Start, Length);

        public static Word Of(string word) => new(word, 0, word.Length);
    }
}
