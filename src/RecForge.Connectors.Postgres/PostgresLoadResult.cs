namespace RecForge.Connectors.Postgres;

/// <summary>What <see cref="PostgresLoader.Load"/> did.</summary>
/// <param name="Tables">Each table loaded, in load order.</param>
/// <param name="Method">How rows were sent.</param>
/// <param name="Pgvector">Whether vectors went into pgvector <c>vector(N)</c> columns (else <c>real[]</c>).</param>
public sealed record PostgresLoadResult(IReadOnlyList<LoadedTable> Tables, PostgresLoadMethod Method, bool Pgvector)
{
    /// <summary>Whether the dataset had vector columns at all.</summary>
    public bool Vectors { get; init; }
}
