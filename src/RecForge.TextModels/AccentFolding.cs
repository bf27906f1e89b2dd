namespace RecForge.TextModels;

/// <summary>
/// BERT's accent stripping (NFD, then drop combining marks) for the Latin letters, without ICU: RecForge runs with
/// invariant globalization, where <see cref="string.Normalize()"/> does not decompose.
/// </summary>
/// <remarks>
/// The tables were generated with Python's <c>unicodedata.normalize("NFD", c)</c> for U+00C0–U+024F (Latin-1 Supplement,
/// Latin Extended-A and -B) and U+1E00–U+1EFF (Latin Extended Additional): the ASCII base letter of each character
/// that decomposes into one, '.' where it does not (Æ, Ø, ß, ł … stay as they are, as in BERT).
/// </remarks>
internal static class AccentFolding
{
    private const string Latin =
        "AAAAAA.CEEEEIIII.NOOOOO..UUUUY..aaaaaa.ceeeeiiii.nooooo..uuuuy.yAaAaAaCcCcCcCcDd..EeEeEeEeEeGgGgGgGg" +
        "Hh..IiIiIiIiI...JjKk.LlLlLl....NnNnNn...OoOoOo..RrRrRrSsSsSsSsTtTt..UuUuUuUuUuUuWwYyYZzZzZz........." +
        "........................Oo.............Uu............................AaIiOoUuUuUuUuUu.AaAa....GgKkOo" +
        "Oo..j...Gg..NnAa....AaAaEeEeIiIiOoOoRrRrUuUuSsTt..Hh......AaEeOoOoOoOoYy............................";

    private const string LatinAdditional =
        "AaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFfGgHhHhHhHhHhIiIiKkKkKkLlLlLlLlMmMmMmNnNnNnNnOoOoOoOoPpPpRrRrRrRrSsSs" +
        "SsSsSsTtTtTtTtUuUuUuUuUuVvVvWwWwWwWwWwXxXxYyZzZzZzhtwy......AaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEeEeEeEeEe" +
        "IiIiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUuUuYyYyYyYy......";

    /// <summary>The base letter of <paramref name="c"/>, <c>'\0'</c> for a combining mark (dropped), or <paramref name="c"/> itself.</summary>
    public static char Fold(char c)
    {
        char folded = c switch
        {
            >= '\u0300' and <= '\u036F' => '\0',
            >= '\u00C0' and <= '\u024F' => Latin[c - 0xC0],
            >= '\u1E00' and <= '\u1EFF' => LatinAdditional[c - 0x1E00],
            _ => c,
        };
        return folded == '.' ? c : folded;
    }
}
