using System.Text;

namespace RecForge.Cli.Errors;

/// <summary>
/// Standard error as RecForge promises it: every message one line of at most <see cref="MaxLength"/> characters,
/// whatever a bad input holds. Control characters become spaces, a run of more than <see cref="MaxEcho"/>
/// characters without a space (a 200 MB field, a long path) is cut in the middle, and a long line is cut at the end.
/// </summary>
internal sealed class OneLineErrorWriter(TextWriter inner) : TextWriter
{
    /// <summary>Most characters of one printed line.</summary>
    public const int MaxLength = 299;

    /// <summary>Most characters echoed of one unbroken value.</summary>
    public const int MaxEcho = 200;

    private readonly StringBuilder _line = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            Flush();
            return;
        }

        // Keep what a cut line needs, plus the longest run that may still be shortened.
        if (_line.Length < 64 * 1024)
        {
            _line.Append(value);
        }
    }

    public override void Write(string? value)
    {
        foreach (char c in value ?? "")
        {
            Write(c);
        }
    }

    public override void WriteLine(string? value)
    {
        Write(value);
        Flush();
    }

    public override void WriteLine() => Flush();

    public override void Flush()
    {
        if (_line.Length > 0)
        {
            inner.WriteLine(Shorten(_line.ToString()));
            _line.Clear();
        }

        inner.Flush();
    }

    /// <summary>The one-line, bounded form of a message.</summary>
    public static string Shorten(string message)
    {
        var b = new StringBuilder(Math.Min(message.Length, 2 * MaxLength));
        int run = 0, runStart = 0;
        foreach (char raw in message)
        {
            char c = char.IsControl(raw) ? ' ' : raw;
            if (c == ' ' && b.Length > 0 && b[^1] == ' ')
            {
                continue;
            }

            if (c == ' ')
            {
                run = 0;
                b.Append(c);
                continue;
            }

            if (run == 0)
            {
                runStart = b.Length;
            }

            run++;
            if (run <= MaxEcho)
            {
                b.Append(c);
            }
            else if (run == MaxEcho + 1)
            {
                // Keep the head of an overlong value and say it was cut.
                b.Length = runStart + (MaxEcho - 3);
                b.Append("...");
            }
        }

        string line = b.ToString().TrimEnd();
        return line.Length <= MaxLength ? line : string.Concat(line.AsSpan(0, MaxLength - 3), "...");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }
}
