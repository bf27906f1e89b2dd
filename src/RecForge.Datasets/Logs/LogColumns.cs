namespace RecForge.Datasets.Logs;

/// <summary>Column names of an interaction log.</summary>
/// <param name="User">The user id column.</param>
/// <param name="Item">The item id column.</param>
/// <param name="Rating">The rating (or weight) column, if any.</param>
/// <param name="Timestamp">The time column (epoch seconds or ISO-8601), if any.</param>
/// <param name="RatingOptional">A missing rating column makes the log implicit instead of an error.</param>
public sealed record LogColumns(string User, string Item, string? Rating, string? Timestamp, bool RatingOptional = false)
{
    /// <summary>The names of a CSV log's columns, in order, when the file has no header line (null: its first line).</summary>
    public IReadOnlyList<string>? Header { get; init; }
}
