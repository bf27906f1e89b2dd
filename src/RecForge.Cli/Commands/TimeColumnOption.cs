using System.CommandLine;
using RecForge.Datasets.Logs;

namespace RecForge.Cli.Commands;

/// <summary>
/// <c>--timestamp COLUMN|none</c> of fit and evaluate: a named column must exist; <c>none</c> means the log has no
/// times; left out, the <c>timestamp</c> column is used when the log has one and otherwise the log is read without
/// times, with a note.
/// </summary>
internal static class TimeColumnOption
{
    private const string Default = "timestamp";

    public static Option<string?> Create() => new("--timestamp")
    {
        Description = "Time column (epoch seconds or ISO-8601); 'none' for a log without times (default: 'timestamp' when the log has it).",
    };

    /// <summary>The column to read, or null for none; <paramref name="note"/> says when a missing default was dropped.</summary>
    public static string? Resolve(string log, string? given, out string? note, IReadOnlyList<string>? header = null)
    {
        note = null;
        if (given is not null)
        {
            return string.Equals(given, "none", StringComparison.OrdinalIgnoreCase) ? null : given;
        }

        if (LogFiles.HasColumn(log, Default, header))
        {
            return Default;
        }

        note = $"{Path.GetFileName(log)} has no '{Default}' column: read without times (name one with --timestamp COLUMN; --timestamp none says so)";
        return null;
    }
}
