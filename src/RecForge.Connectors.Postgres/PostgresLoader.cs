using System.Diagnostics;
using Npgsql;
using RecForge.Connectors.Postgres.Loading;
using RecForge.Datasets;
using RecForge.Generation;
using RecForge.Output;
using RecForge.Reading;

namespace RecForge.Connectors.Postgres;

/// <summary>
/// Loads a finished Parquet dataset into PostgreSQL: one table per dataset table with proper types (JSONB, arrays,
/// UUID, timestamptz, pgvector), primary and foreign keys and indexes, each table in its own transaction so a failure
/// leaves no half-loaded table.
/// </summary>
public static class PostgresLoader
{
    // pgvector's recommended HNSW build settings for recall ≥ 0.95 at ef_search 40 (pgvector README).
    private const int HnswM = 16;
    private const int HnswEfConstruction = 200;

    // A text column with at most this many distinct values is categorical (genre, mood) and gets a B-tree index;
    // titles and descriptions do not.
    private const int CategoricalLimit = 1000;

    /// <summary>Loads every table of the dataset in <paramref name="directory"/>.</summary>
    /// <exception cref="PostgresConnectorException">The dataset, the server or the existing tables do not allow the load.</exception>
    public static PostgresLoadResult Load(string directory, PostgresLoadOptions options)
    {
        if (!File.Exists(Path.Combine(directory, Manifest.FileName)))
        {
            throw new PostgresConnectorException($"{directory}: no {Manifest.FileName}: not a finished RecForge dataset") { IsBadInput = true };
        }

        DatasetTable[] tables;
        try
        {
            RecForgeDataset dataset = RecForgeDataset.Open(directory);
            tables = [.. dataset.Manifest.Tables.Select(dataset.Open)];
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new PostgresConnectorException(e.Message, e) { IsBadInput = true };
        }

        using var server = new PostgresServer(options.ConnectionString);
        using NpgsqlConnection connection = server.Open();
        try
        {
            return LoadTables(server, connection, tables, options);
        }
        catch (Exception e) when (PostgresServer.IsServerFailure(e))
        {
            throw server.Failure(e);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            // A dataset file that cannot be read (truncated, deleted meanwhile): the table in progress was rolled back.
            throw new PostgresConnectorException($"{directory}: {e.Message}", e) { IsBadInput = true };
        }
    }

    private static PostgresLoadResult LoadTables(PostgresServer server, NpgsqlConnection connection, DatasetTable[] tables, PostgresLoadOptions options)
    {
        PostgresLoadMethod method = options.Method != PostgresLoadMethod.Auto ? options.Method
            : PostgresServer.IsPglite(connection) ? PostgresLoadMethod.Insert : PostgresLoadMethod.Copy;
        if (options.Schema is { } schema)
        {
            PostgresServer.UseSchema(connection, schema, create: true);
        }

        string[] names = [.. tables.Select(t => t.Table.Name)];
        using (var command = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename = ANY($1) ORDER BY tablename", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = names });
            var existing = new List<string>();
            using (NpgsqlDataReader reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    existing.Add(reader.GetString(0));
                }
            }

            if (existing.Count > 0 && !options.DropExisting)
            {
                throw new PostgresConnectorException($"postgres {server.Endpoint}: table{(existing.Count > 1 ? "s" : "")} {string.Join(", ", existing)} already exist{(existing.Count > 1 ? "" : "s")}; pass --drop-existing to replace {(existing.Count > 1 ? "them" : "it")}");
            }
        }

        bool vectors = tables.Any(t => t.Schema.Columns.Any(c => c.Kind == ColumnKind.FloatVector));
        bool pgvector = vectors && PostgresServer.VectorAvailable(connection);
        if (pgvector)
        {
            // In public, so datasets loaded into other schemas all see the type.
            PostgresServer.Execute(connection, "CREATE EXTENSION IF NOT EXISTS vector SCHEMA public");
            connection.ReloadTypes();
        }
        else if (vectors)
        {
            options.Log?.Invoke($"pgvector is not available on {server.Endpoint}: vectors load as real[] without a vector index (install the extension for vector(N) and HNSW)");
        }

        long total = tables.Sum(t => t.Rows);
        long done = 0;
        var loaded = new List<LoadedTable>();
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DatasetTable table in tables)
        {
            loaded.Add(LoadTable(connection, table, pgvector, method, keys, options, rows =>
            {
                done += rows;
                options.Progress?.Report(new GenerationProgress(done, total));
            }));
            if (table.Table.Key is { } key)
            {
                keys[table.Table.Name] = key;
            }
        }

        return new PostgresLoadResult(loaded, method, pgvector) { Vectors = vectors };
    }

    private static LoadedTable LoadTable(NpgsqlConnection connection, DatasetTable table, bool pgvector, PostgresLoadMethod method,
        Dictionary<string, string> keys, PostgresLoadOptions options, Action<long> progress)
    {
        string name = PostgresSql.Quote(table.Table.Name);
        PostgresColumn[] columns = [.. table.Schema.Columns.Select(c => new PostgresColumn(c, pgvector))];
        var clock = Stopwatch.StartNew();
        using NpgsqlTransaction transaction = connection.BeginTransaction();
        if (options.DropExisting)
        {
            PostgresServer.Execute(connection, $"DROP TABLE IF EXISTS {name} CASCADE");
        }

        PostgresServer.Execute(connection, $"CREATE TABLE {name} ({string.Join(", ", columns.Select(c => c.Definition))})");
        long rows = 0;
        using (IRowSink sink = method == PostgresLoadMethod.Insert
            ? new MultiRowInsertSink(connection, transaction, table.Table.Name, columns, options.BatchRows)
            : new BinaryCopySink(connection, table.Table.Name, columns))
        {
            foreach (ColumnBatch batch in table.Read(options.BatchRows, options.Cancellation))
            {
                sink.Write(batch);
                rows += batch.Count;
                progress(batch.Count);
            }

            sink.Complete();
        }

        double loadSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var indexes = new List<string>();
        if (table.Table.Key is { } key)
        {
            PostgresServer.Execute(connection, $"ALTER TABLE {name} ADD PRIMARY KEY ({PostgresSql.Quote(key)})");
            indexes.Add($"{table.Table.Name}_pkey");
        }

        foreach (ManifestReference reference in table.Table.References ?? [])
        {
            if (keys.TryGetValue(reference.Table, out string? target))
            {
                PostgresServer.Execute(connection, $"ALTER TABLE {name} ADD FOREIGN KEY ({PostgresSql.Quote(reference.Column)}) REFERENCES {PostgresSql.Quote(reference.Table)} ({PostgresSql.Quote(target)})");
            }
        }

        foreach (string[] index in IndexColumns(connection, table, columns))
        {
            string indexName = $"{table.Table.Name}_{string.Join("_", index)}_idx";
            PostgresServer.Execute(connection, $"CREATE INDEX {PostgresSql.Quote(indexName)} ON {name} ({string.Join(", ", index.Select(PostgresSql.Quote))})");
            indexes.Add(indexName);
        }

        if (table.Table.Role == "items")
        {
            foreach (PostgresColumn vector in columns.Where(c => c.IsVector))
            {
                string indexName = $"{table.Table.Name}_{vector.Name}_hnsw";
                PostgresServer.Execute(connection, "SET LOCAL maintenance_work_mem = '1GB'");
                PostgresServer.Execute(connection, $"CREATE INDEX {PostgresSql.Quote(indexName)} ON {name} USING hnsw ({PostgresSql.Quote(vector.Name)} vector_cosine_ops) WITH (m = {HnswM}, ef_construction = {HnswEfConstruction})");
                indexes.Add(indexName);
            }
        }

        PostgresServer.Execute(connection, $"ANALYZE {name}");
        transaction.Commit();
        return new LoadedTable(table.Table.Name, rows, loadSeconds, clock.Elapsed.TotalSeconds, indexes);
    }

    /// <summary>
    /// Entity tables: every numeric and time column and every categorical text column. Event tables: (user, time) for
    /// a user's history and the item column for the foreign key.
    /// </summary>
    private static List<string[]> IndexColumns(NpgsqlConnection connection, DatasetTable table, PostgresColumn[] columns)
    {
        var indexes = new List<string[]>();
        IReadOnlyList<ManifestReference> references = table.Table.References ?? [];
        if (table.Table.Role == "events")
        {
            string? time = columns.FirstOrDefault(c => c.Spec.Kind == ColumnKind.Timestamp)?.Name;
            for (int i = 0; i < references.Count; i++)
            {
                indexes.Add(i == 0 && time is not null ? [references[i].Column, time] : [references[i].Column]);
            }

            return indexes;
        }

        foreach (PostgresColumn column in columns)
        {
            if (column.Name == table.Table.Key || !column.IsScalar || column.Spec.Kind == ColumnKind.Uuid)
            {
                continue;
            }

            if (column.Spec.Kind == ColumnKind.String
                && PostgresServer.Scalar<long>(connection, $"SELECT count(DISTINCT {PostgresSql.Quote(column.Name)}) FROM {PostgresSql.Quote(table.Table.Name)}") > CategoricalLimit)
            {
                continue;
            }

            indexes.Add([column.Name]);
        }

        return indexes;
    }
}
