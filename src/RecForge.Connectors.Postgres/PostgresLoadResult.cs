namespace RecForge.Connectors.Postgres;

/// <summary>What <see cref="PostgresLoader.Load"/> did.</summary>
/// <param name="Tables">Each table loaded, in load order.</param>
/// <param name="Method">How rows were sent.</param>
/// <param name="Pgvector">Whether vectors went into pgvector <c>vector(N)</c> columns (else <c>real[]</c>).</param>
public sealed record PostgresLoadResult(IReadOnlyList<LoadedTable> Tables, PostgresLoadMethod Method, bool Pgvector);

/// <summary>One loaded table.</summary>
/// <param name="Name">Table name.</param>
/// <param name="Rows">Rows loaded.</param>
/// <param name="LoadSeconds">Time spent sending rows.</param>
/// <param name="IndexSeconds">Time spent on keys, indexes and the commit.</param>
/// <param name="Indexes">The indexes created (their SQL definitions' names).</param>
public sealed record LoadedTable(string Name, long Rows, double LoadSeconds, double IndexSeconds, IReadOnlyList<string> Indexes);
