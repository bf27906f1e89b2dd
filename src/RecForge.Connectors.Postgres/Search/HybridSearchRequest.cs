namespace RecForge.Connectors.Postgres.Search;

/// <summary>A "more like this" query with a metadata filter.</summary>
/// <param name="ConnectionString">An Npgsql connection string.</param>
/// <param name="Like">The key of the item whose embedding is the query.</param>
public sealed record HybridSearchRequest(string ConnectionString, string Like)
{
    /// <summary>The table to search; by default the one table with a pgvector column.</summary>
    public string? Table { get; init; }

    /// <summary>The vector column; by default the table's only one.</summary>
    public string? VectorColumn { get; init; }

    /// <summary>A filter in <see cref="SearchFilter"/> syntax, or null for none.</summary>
    public string? Where { get; init; }

    /// <summary>The schema the dataset was loaded into; null: the connection's current schema.</summary>
    public string? Schema { get; init; }

    /// <summary>How many results.</summary>
    public int Limit { get; init; } = 10;

    /// <summary>Columns to return besides the key and the similarity; by default the indexed scalar columns and any title or name.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>HNSW candidate list size (<c>hnsw.ef_search</c>); by default max(40, 4 × limit).</summary>
    public int? EfSearch { get; init; }
}
