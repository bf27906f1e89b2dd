using System.CommandLine;
using System.Globalization;
using RecForge.Evaluation;

namespace RecForge.Cli.Commands;

/// <summary>
/// <c>--repeats first|count|sum</c> of fit and evaluate: what rows repeating a (user, item) pair stand for. A listening
/// log has a row per play, so keeping only each pair's first row throws its signal away; <c>count</c> makes the plays
/// the pair's weight (a twin writes it as <see cref="CountColumn"/>), <c>sum</c> adds the rows' <c>--weight</c>.
/// </summary>
internal static class RepeatsOption
{
    /// <summary>The weight column a twin writes for <c>--repeats count</c>, and evaluate reads from it.</summary>
    public const string CountColumn = "plays";

    public static Option<string> Create() => new("--repeats")
    {
        Description = "Rows repeating a (user, item) pair: 'first' keeps the first (default), 'count' weighs the pair by its rows (one row per play; the twin's column: plays), 'sum' adds their --weight.",
        DefaultValueFactory = _ => "first",
    };

    /// <summary>The mode named by <paramref name="given"/>, checked against the weight and rating options.</summary>
    /// <exception cref="InvalidDataException">An unknown mode, count with a weight or rating column, or sum without a weight column.</exception>
    public static RepeatedPairs Resolve(string given, string? weight, string? rating) => given.ToLowerInvariant() switch
    {
        "first" => RepeatedPairs.First,
        "count" when weight is not null || rating is not null => throw new InvalidDataException("--repeats count makes the weight from the rows; drop --weight/--rating, or add a weight column's rows with --repeats sum"),
        "count" => RepeatedPairs.Count,
        "sum" when weight is null => throw new InvalidDataException("--repeats sum adds a weight column's rows: name it with --weight"),
        "sum" => RepeatedPairs.Sum,
        _ => throw new InvalidDataException($"--repeats must be first, count or sum, got '{given}'"),
    };

    /// <summary>A note on the rows merged, or null when the log repeats no pair.</summary>
    public static string? Note(string log, long repeatedRows, RepeatedPairs mode)
    {
        if (repeatedRows == 0)
        {
            return null;
        }

        string rows = repeatedRows.ToString("N0", CultureInfo.InvariantCulture);
        return mode switch
        {
            RepeatedPairs.First => $"{Path.GetFileName(log)}: {rows} rows repeat a (user, item) pair: each pair kept once, at its first row (one row per play? --repeats count weighs pairs by their rows; --repeats sum adds a --weight)",
            RepeatedPairs.Count => $"{Path.GetFileName(log)}: {rows} rows repeat a (user, item) pair: each pair once, weighted by its rows ({CountColumn})",
            _ => $"{Path.GetFileName(log)}: {rows} rows repeat a (user, item) pair: each pair once, its weights added",
        };
    }
}
