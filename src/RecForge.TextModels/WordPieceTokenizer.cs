using System.Globalization;
using System.Text;

namespace RecForge.TextModels;

/// <summary>
/// BERT's tokenizer: the basic tokenizer (clean control characters, split CJK characters, whitespace and punctuation,
/// optionally lower-case and strip accents) followed by greedy longest-match-first WordPiece over a <c>vocab.txt</c>,
/// framed by <c>[CLS]</c> … <c>[SEP]</c>. It reproduces Hugging Face's <c>BertTokenizer</c> for uncased and cased vocabularies.
/// </summary>
public sealed class WordPieceTokenizer
{
    // BERT maps a word longer than this to [UNK] instead of splitting it (tokenization_bert.py, max_input_chars_per_word).
    private const int MaxWordLength = 100;

    private readonly Dictionary<string, int> _vocabulary;
    private readonly bool _lowerCase;
    private readonly int _unknown;

    /// <summary>Reads a vocabulary: one token per line, the line number is the id.</summary>
    /// <param name="vocabulary">The <c>vocab.txt</c> lines.</param>
    /// <param name="lowerCase">Whether the model is uncased (lower-case and strip accents first).</param>
    /// <param name="maxTokens">The longest input the model takes, <c>[CLS]</c> and <c>[SEP]</c> included; longer texts are cut.</param>
    /// <param name="classification">The token that starts a sequence (<c>[CLS]</c>; MPNet's is <c>&lt;s&gt;</c>).</param>
    /// <param name="separator">The token that ends it (<c>[SEP]</c>; MPNet's is <c>&lt;/s&gt;</c>).</param>
    /// <param name="unknown">The token of a word the vocabulary cannot spell.</param>
    /// <exception cref="InvalidDataException">The vocabulary lacks one of the three special tokens.</exception>
    public WordPieceTokenizer(IEnumerable<string> vocabulary, bool lowerCase, int maxTokens, string classification = "[CLS]", string separator = "[SEP]", string unknown = "[UNK]")
    {
        _vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        int id = 0;
        foreach (string line in vocabulary)
        {
            _vocabulary.TryAdd(line.TrimEnd('\r', '\n'), id++);
        }

        _lowerCase = lowerCase;
        MaxTokens = maxTokens;
        _unknown = Special(unknown);
        Classification = Special(classification);
        Separator = Special(separator);
    }

    /// <summary>The id of <c>[CLS]</c>.</summary>
    public int Classification { get; }

    /// <summary>The id of <c>[SEP]</c>.</summary>
    public int Separator { get; }

    /// <summary>The longest token sequence returned.</summary>
    public int MaxTokens { get; }

    /// <summary>Number of tokens in the vocabulary.</summary>
    public int VocabularySize => _vocabulary.Count;

    /// <summary>The token ids of <paramref name="text"/>, <c>[CLS]</c> first and <c>[SEP]</c> last, cut to <see cref="MaxTokens"/>.</summary>
    public int[] Encode(string text)
    {
        var ids = new List<int>(text.Length / 4 + 2) { Classification };
        foreach (string word in BasicTokens(text))
        {
            WordPieces(word, ids);
            if (ids.Count >= MaxTokens - 1)
            {
                break;
            }
        }

        if (ids.Count > MaxTokens - 1)
        {
            ids.RemoveRange(MaxTokens - 1, ids.Count - (MaxTokens - 1));
        }

        ids.Add(Separator);
        return [.. ids];
    }

    /// <summary>The word pieces of <paramref name="text"/> as strings (for tests and labels).</summary>
    public IReadOnlyList<string> Tokenize(string text)
    {
        var ids = new List<int>();
        foreach (string word in BasicTokens(text))
        {
            WordPieces(word, ids);
        }

        var byId = _vocabulary.ToDictionary(p => p.Value, p => p.Key);
        return [.. ids.Select(i => byId[i])];
    }

    private int Special(string token)
        => _vocabulary.TryGetValue(token, out int id) ? id : throw new InvalidDataException($"the vocabulary has no {token} token (is it a WordPiece vocab.txt?)");

    // The basic tokenizer: words split on whitespace and around every punctuation mark and CJK ideograph.
    private IEnumerable<string> BasicTokens(string text)
    {
        string source = _lowerCase ? StripAccents(text.ToLowerInvariant()) : text;
        var word = new StringBuilder();
        foreach (Rune rune in source.EnumerateRunes())
        {
            int c = rune.Value;
            if (c == 0 || c == 0xFFFD || (IsControl(rune) && !Rune.IsWhiteSpace(rune)))
            {
                continue;
            }

            if (Rune.IsWhiteSpace(rune))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }
            }
            else if (IsPunctuation(rune) || IsCjk(c))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }

                yield return rune.ToString();
            }
            else
            {
                word.Append(rune.ToString());
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    // Greedy longest-match-first over the vocabulary; a word with a piece that matches nothing becomes one [UNK].
    private void WordPieces(string word, List<int> ids)
    {
        if (word.Length > MaxWordLength)
        {
            ids.Add(_unknown);
            return;
        }

        int start = ids.Count;
        var piece = new StringBuilder(word.Length + 2);
        int at = 0;
        while (at < word.Length)
        {
            int end = word.Length;
            int found = -1;
            while (end > at)
            {
                piece.Clear();
                if (at > 0)
                {
                    piece.Append("##");
                }

                piece.Append(word, at, end - at);
                if (_vocabulary.TryGetValue(piece.ToString(), out int id))
                {
                    found = id;
                    break;
                }

                end--;
            }

            if (found < 0)
            {
                ids.RemoveRange(start, ids.Count - start);
                ids.Add(_unknown);
                return;
            }

            ids.Add(found);
            at = end;
        }
    }

    private static string StripAccents(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            char folded = AccentFolding.Fold(c);
            if (folded != '\0')
            {
                result.Append(folded);
            }
        }

        return result.ToString();
    }

    private static bool IsControl(Rune rune)
        => Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format;

    // BERT treats every non-alphanumeric ASCII character as punctuation, plus Unicode's punctuation categories.
    private static bool IsPunctuation(Rune rune)
    {
        int c = rune.Value;
        if (c is (>= 33 and <= 47) or (>= 58 and <= 64) or (>= 91 and <= 96) or (>= 123 and <= 126))
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }

    // The CJK Unified Ideograph blocks BERT splits into single characters (tokenization_bert.py, _is_chinese_char).
    private static bool IsCjk(int c)
        => c is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF) or (>= 0x2A700 and <= 0x2B73F)
            or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B820 and <= 0x2CEAF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);
}
