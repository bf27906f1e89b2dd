namespace RecForge.Query;

/// <summary>The rows a query returned (up to the limit asked), with their column names and DuckDB types.</summary>
/// <param name="Columns">Column names.</param>
/// <param name="Types">DuckDB type of each column.</param>
/// <param name="Rows">Values (null for SQL NULL) in column order.</param>
/// <param name="Truncated">Whether the query had more rows than were read.</param>
public sealed record QueryResult(IReadOnlyList<string> Columns, IReadOnlyList<string> Types, IReadOnlyList<object?[]> Rows, bool Truncated);
