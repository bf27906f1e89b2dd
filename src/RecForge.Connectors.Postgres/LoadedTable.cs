namespace RecForge.Connectors.Postgres;

/// <summary>One loaded table.</summary>
/// <param name="Name">Table name.</param>
/// <param name="Rows">Rows loaded.</param>
/// <param name="LoadSeconds">Time spent sending rows.</param>
/// <param name="IndexSeconds">Time spent on keys, indexes and the commit.</param>
/// <param name="Indexes">The indexes created (their SQL definitions' names).</param>
public sealed record LoadedTable(string Name, long Rows, double LoadSeconds, double IndexSeconds, IReadOnlyList<string> Indexes);
