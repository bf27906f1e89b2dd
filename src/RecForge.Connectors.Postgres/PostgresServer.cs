using Npgsql;

namespace RecForge.Connectors.Postgres;

/// <summary>Opens connections with the pgvector type mapping and reports what the server offers.</summary>
internal sealed class PostgresServer : IDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresServer(string connectionString)
    {
        NpgsqlDataSourceBuilder builder;
        try
        {
            builder = new NpgsqlDataSourceBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new PostgresConnectorException($"--connection: {e.Message}", e) { IsBadInput = true };
        }

        builder.UseVector();
        _dataSource = builder.Build();
        Endpoint = $"{builder.ConnectionStringBuilder.Host}:{builder.ConnectionStringBuilder.Port}/{builder.ConnectionStringBuilder.Database ?? builder.ConnectionStringBuilder.Username}";
    }

    /// <summary>host:port/database, for messages.</summary>
    public string Endpoint { get; }

    public NpgsqlConnection Open()
    {
        try
        {
            return _dataSource.OpenConnection();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new PostgresConnectorException($"postgres {Endpoint}: cannot connect: {Describe(e)}", e);
        }
    }

    /// <summary>PGlite (PostgreSQL compiled to WebAssembly) answers the wire protocol but not COPY FROM STDIN.</summary>
    public static bool IsPglite(NpgsqlConnection connection)
        => Scalar<string>(connection, "SELECT version()").Contains("emscripten", StringComparison.OrdinalIgnoreCase);

    public static bool VectorAvailable(NpgsqlConnection connection)
        => Scalar<long>(connection, "SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'") > 0;

    public static T Scalar<T>(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return (T)command.ExecuteScalar()!;
    }

    /// <summary>Whether <paramref name="e"/> came from the server or the connection (rather than a bug or the dataset).</summary>
    public static bool IsServerFailure(Exception e) => e is NpgsqlException or InvalidOperationException && e is not ObjectDisposedException;

    /// <summary>The one-line error for a server failure, naming the server.</summary>
    public PostgresConnectorException Failure(Exception e) => new($"postgres {Endpoint}: {Describe(e)}", e);

    /// <summary>
    /// Makes <paramref name="schema"/> the connection's current schema (then <c>public</c>, where extensions live);
    /// <paramref name="create"/> creates it when missing, else a missing schema is bad input.
    /// </summary>
    public static void UseSchema(NpgsqlConnection connection, string schema, bool create)
    {
        if (create)
        {
            Execute(connection, $"CREATE SCHEMA IF NOT EXISTS {PostgresSql.Quote(schema)}");
        }
        else
        {
            using var command = new NpgsqlCommand("SELECT count(*) FROM pg_namespace WHERE nspname = $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = schema });
            if ((long)command.ExecuteScalar()! == 0)
            {
                throw new PostgresConnectorException($"--schema {schema}: no such schema (load a dataset into it first)") { IsBadInput = true };
            }
        }

        Execute(connection, $"SET search_path TO {PostgresSql.Quote(schema)}, public");
    }

    public static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>The server's own message when there is one (it names the object), else the client's.</summary>
    public static string Describe(Exception e) => e switch
    {
        PostgresException p => p.MessageText,
        NpgsqlException { InnerException: { } inner } => inner.Message,
        _ => e.Message,
    };

    public void Dispose() => _dataSource.Dispose();
}
