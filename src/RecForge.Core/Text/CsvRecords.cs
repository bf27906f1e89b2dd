using System.Text;

namespace RecForge.Text;

/// <summary>
/// RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks; a quote inside an unquoted field is text.
/// Another one-character delimiter (tab, semicolon) on request.
/// </summary>
public static class CsvRecords
{
    /// <summary>Every record of a file (the header included).</summary>
    public static List<string[]> Read(string path)
    {
        using StreamReader reader = File.OpenText(path);
        return [.. Stream(reader)];
    }

    /// <summary>Records one at a time, so a large file is never held in memory; fields split at <paramref name="delimiter"/>.</summary>
    public static IEnumerable<string[]> Stream(TextReader reader, char delimiter = ',')
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            if (quoted)
            {
                if (c == '"' && reader.Peek() == '"')
                {
                    field.Append('"');
                    reader.Read();
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append((char)c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                // Quotes open a quoted field only at its start (RFC 4180); inside one ('Jo "Fuzzy" Smith', a TSV's
                // artist name) they are text, not the start of a field that would swallow delimiters and lines.
                quoted = true;
            }
            else if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                fields.Add(field.ToString());
                field.Clear();
                yield return [.. fields];
                fields.Clear();
            }
            else
            {
                field.Append((char)c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return [.. fields];
        }
    }

    /// <summary>
    /// The delimiter of a file whose first line is <paramref name="header"/>: the one of comma, tab, semicolon and
    /// vertical bar that occurs most often outside quotes (a comma when none does, or on a tie with it).
    /// </summary>
    public static char SniffDelimiter(string header)
    {
        ReadOnlySpan<char> candidates = [',', '\t', ';', '|'];
        Span<int> counts = stackalloc int[candidates.Length];
        bool quoted = false;
        foreach (char c in header)
        {
            quoted ^= c == '"';
            int at = quoted ? -1 : candidates.IndexOf(c);
            if (at >= 0)
            {
                counts[at]++;
            }
        }

        int best = 0;
        for (int k = 1; k < candidates.Length; k++)
        {
            best = counts[k] > counts[best] ? k : best;
        }

        return candidates[best];
    }
}
