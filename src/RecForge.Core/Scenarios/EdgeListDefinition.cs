namespace RecForge.Scenarios;

/// <summary>
/// The events aggregated per (user, item): count, total and mean of a duration-like column, skip ratio, first and last
/// time — a weighted bipartite edge list for graph learning.
/// </summary>
/// <param name="Table">Output table name.</param>
internal sealed record EdgeListDefinition(string Table) : DerivedTableDefinition(Table);
