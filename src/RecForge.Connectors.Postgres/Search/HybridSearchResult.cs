namespace RecForge.Connectors.Postgres.Search;

/// <summary>The results of a hybrid search, best first.</summary>
/// <param name="Table">The table searched.</param>
/// <param name="Columns">Column names: the key, the requested columns, then <c>similarity</c> (cosine).</param>
/// <param name="Rows">One value per column per result.</param>
/// <param name="Sql">The statement run, with placeholders (values travel as parameters).</param>
public sealed record HybridSearchResult(string Table, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows, string Sql);
