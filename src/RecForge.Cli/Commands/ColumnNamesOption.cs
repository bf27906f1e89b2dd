using System.CommandLine;
using RecForge.Datasets.Foreign;
using RecForge.Datasets.Logs;

namespace RecForge.Cli.Commands;

/// <summary>
/// <c>--columns NAMES</c> of fit and evaluate: a CSV log without a header line (MovieLens 1M's <c>ratings.dat</c>, the
/// Last.fm TSVs) is read with these names for its columns, in order, and its first line is a record.
/// </summary>
internal static class ColumnNamesOption
{
    public static Option<string?> Create() => new("--columns")
    {
        Description = "The log has no header line: its columns' names, in order, comma-separated (e.g. userId,movieId,rating,timestamp for MovieLens 1M's ratings.dat).",
    };

    /// <summary>The names given, or null when the option was left out.</summary>
    /// <exception cref="InvalidDataException">An empty name, or a name given twice.</exception>
    public static IReadOnlyList<string>? Parse(string? given)
    {
        if (given is null)
        {
            return null;
        }

        string[] names = [.. given.Split(',').Select(n => n.Trim())];
        if (Array.FindIndex(names, n => n.Length == 0) is >= 0 and var empty)
        {
            throw new InvalidDataException($"--columns: name {empty + 1} of '{given}' is empty");
        }

        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidDataException($"--columns: '{twice.Key}' is named twice");
        }

        return names;
    }

    /// <summary>
    /// Checks that a CSV log read with its own header has the user column; when it has not, the error says that a file
    /// without a header line takes <c>--columns</c> (its first record then reads as the header).
    /// </summary>
    /// <exception cref="InvalidDataException">The user column is missing from the header.</exception>
    public static void CheckHeader(string log, LogColumns columns)
    {
        if (columns.Header is not null || !File.Exists(log) || log.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        string[] header = ForeignCsvTable.Header(log);
        if (Array.IndexOf(header, columns.User) < 0)
        {
            throw new InvalidDataException($"{log}: no column '{columns.User}' (has {string.Join(", ", header)}; a file without a header line takes --columns)");
        }
    }
}
