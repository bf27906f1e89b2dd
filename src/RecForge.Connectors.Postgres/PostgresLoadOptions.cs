using RecForge.Generation;

namespace RecForge.Connectors.Postgres;

/// <summary>How rows travel to the server.</summary>
public enum PostgresLoadMethod
{
    /// <summary>Binary COPY, or multi-row INSERT on servers without COPY over the wire (PGlite).</summary>
    Auto,

    /// <summary><c>COPY … FROM STDIN (FORMAT BINARY)</c>.</summary>
    Copy,

    /// <summary>Parameterised multi-row <c>INSERT</c>.</summary>
    Insert,
}

/// <summary>Options of <see cref="PostgresLoader.Load"/>.</summary>
/// <param name="ConnectionString">An Npgsql connection string.</param>
public sealed record PostgresLoadOptions(string ConnectionString)
{
    /// <summary>Drop tables of the same names first; otherwise the load refuses to touch existing tables.</summary>
    public bool DropExisting { get; init; }

    /// <summary>The schema to load into, created if missing; null: the connection's current schema (usually public).</summary>
    public string? Schema { get; init; }

    /// <summary>How rows are sent.</summary>
    public PostgresLoadMethod Method { get; init; } = PostgresLoadMethod.Auto;

    /// <summary>Rows read from Parquet and sent per batch.</summary>
    public int BatchRows { get; init; } = 8192;

    /// <summary>Rows loaded so far over all tables.</summary>
    public IProgress<GenerationProgress>? Progress { get; init; }

    /// <summary>Notes for the user (e.g. pgvector missing).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Stops the load; the table in progress is rolled back.</summary>
    public CancellationToken Cancellation { get; init; }
}
