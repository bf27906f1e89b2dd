namespace RecForge.Query;

/// <summary>A table of a dataset as DuckDB sees it.</summary>
/// <param name="Name">The view's name: the table's.</param>
/// <param name="Rows">Rows, as the manifest counts them.</param>
/// <param name="Columns">Column name and DuckDB type, partition columns included.</param>
public sealed record QueryTable(string Name, long Rows, IReadOnlyList<(string Name, string Type)> Columns);
