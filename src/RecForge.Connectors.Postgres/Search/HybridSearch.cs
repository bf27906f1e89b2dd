using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace RecForge.Connectors.Postgres.Search;

/// <summary>
/// Finds the items nearest to a given item by cosine distance over its pgvector column, restricted by a metadata
/// filter, using the HNSW index with iterative scans so a selective filter still fills the result.
/// </summary>
public static class HybridSearch
{
    /// <summary>Runs <paramref name="request"/>.</summary>
    /// <exception cref="PostgresConnectorException">The server, table, key or filter is not usable; the message says which.</exception>
    public static HybridSearchResult Run(HybridSearchRequest request)
    {
        if (request.Limit <= 0)
        {
            throw new PostgresConnectorException("--limit must be positive") { IsBadInput = true };
        }

        if (request.EfSearch is < 1 or > 1000)
        {
            throw new PostgresConnectorException($"--ef-search {request.EfSearch}: must be between 1 and 1000 (pgvector's range)") { IsBadInput = true };
        }

        using var server = new PostgresServer(request.ConnectionString);
        using NpgsqlConnection connection = server.Open();
        try
        {
            if (request.Schema is { } schema)
            {
                PostgresServer.UseSchema(connection, schema, create: false);
            }

            return Run(connection, request);
        }
        catch (Exception e) when (PostgresServer.IsServerFailure(e))
        {
            throw server.Failure(e);
        }
    }

    private static HybridSearchResult Run(NpgsqlConnection connection, HybridSearchRequest request)
    {
        (string table, string vector) = Target(connection, request);
        Dictionary<string, string> types = ColumnTypes(connection, table);
        string key = PrimaryKey(connection, table);
        object likeKey = KeyValue(request.Like, types[key], key);

        Vector query;
        using (var command = new NpgsqlCommand($"SELECT {PostgresSql.Quote(vector)} FROM {PostgresSql.Quote(table)} WHERE {PostgresSql.Quote(key)} = $1", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = likeKey });
            query = command.ExecuteScalar() as Vector
                ?? throw new PostgresConnectorException($"--like {request.Like}: no row of {table} has {key} = {request.Like}");
        }

        List<string> shown = [.. request.Columns ?? DefaultColumns(connection, table, key, types)];
        foreach (string column in shown)
        {
            if (!types.ContainsKey(column))
            {
                throw new PostgresConnectorException($"--columns: {table} has no column '{column}'") { IsBadInput = true };
            }
        }

        SearchFilter? filter = null;
        if (!string.IsNullOrWhiteSpace(request.Where))
        {
            try
            {
                filter = SearchFilter.Parse(request.Where, types, firstParameter: 4);
            }
            catch (FormatException e)
            {
                throw new PostgresConnectorException(e.Message, e) { IsBadInput = true };
            }
        }

        string select = string.Join(", ", ((string[])[key, .. shown]).Select(PostgresSql.Quote));
        string v = PostgresSql.Quote(vector);

        // The MATERIALIZED CTE lets the planner use the HNSW index for the inner ORDER BY … LIMIT; relaxed_order
        // iterative scans may return neighbours slightly out of order, so the outer query sorts them again
        // (pgvector README, "Iterative index scans").
        string sql = $"WITH nearest AS MATERIALIZED (SELECT {select}, {v} <=> $1 AS distance FROM {PostgresSql.Quote(table)} "
            + $"WHERE {PostgresSql.Quote(key)} <> $2{(filter is null ? "" : $" AND ({filter.Sql})")} ORDER BY {v} <=> $1 LIMIT $3) "
            + "SELECT *, 1 - distance AS similarity FROM nearest ORDER BY distance";

        using NpgsqlTransaction transaction = connection.BeginTransaction();
        int ef = request.EfSearch ?? Math.Max(40, 4 * request.Limit);
        PostgresServer.Execute(connection, string.Create(CultureInfo.InvariantCulture, $"SET LOCAL hnsw.ef_search = {Math.Clamp(ef, 1, 1000)}"));
        PostgresServer.Execute(connection, "SET LOCAL hnsw.iterative_scan = relaxed_order");
        var rows = new List<object?[]>();
        using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = query, DataTypeName = "vector" });
            command.Parameters.Add(new NpgsqlParameter { Value = likeKey });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = request.Limit, NpgsqlDbType = NpgsqlDbType.Integer });
            foreach ((object value, NpgsqlDbType type) in filter?.Parameters ?? [])
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = type });
            }

            using NpgsqlDataReader reader = command.ExecuteReader();
            int distance = shown.Count + 1;
            while (reader.Read())
            {
                var row = new object?[shown.Count + 2];
                for (int i = 0; i <= shown.Count; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                row[^1] = reader.GetDouble(distance + 1);
                rows.Add(row);
            }
        }

        transaction.Commit();
        return new HybridSearchResult(table, [key, .. shown, "similarity"], rows, sql);
    }

    private static (string Table, string Vector) Target(NpgsqlConnection connection, HybridSearchRequest request)
    {
        var candidates = new List<(string Table, string Column, string Type, bool Indexed)>();
        using (var command = new NpgsqlCommand(
            "SELECT c.table_name, c.column_name, c.udt_name, EXISTS (SELECT 1 FROM pg_indexes x WHERE x.schemaname = c.table_schema AND x.tablename = c.table_name "
            + "AND x.indexdef LIKE '%USING hnsw (' || quote_ident(c.column_name) || ' %') FROM information_schema.columns c WHERE c.table_schema = current_schema() "
            + "AND (c.udt_name = 'vector' OR (c.udt_name = '_float4' AND c.data_type = 'ARRAY')) AND ($1::text IS NULL OR c.table_name = $1) ORDER BY c.table_name, c.ordinal_position", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)request.Table ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            using NpgsqlDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                candidates.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)));
            }
        }

        // Columns with an HNSW index (the catalogue's embedding) win over other vectors (a user's 3-d profile).
        if (request.Table is null && request.VectorColumn is null && candidates.Any(c => c.Indexed))
        {
            candidates = [.. candidates.Where(c => c.Indexed)];
        }

        var vectors = candidates.Where(c => c.Type == "vector" && (request.VectorColumn is null || c.Column == request.VectorColumn)).ToList();
        if (vectors.Select(c => c.Table).Distinct().Count() > 1)
        {
            throw new PostgresConnectorException($"several tables have vector columns ({string.Join(", ", vectors.Select(c => c.Table).Distinct())}); choose one with --table");
        }

        if (vectors.Count > 1)
        {
            throw new PostgresConnectorException($"{vectors[0].Table} has several vector columns ({string.Join(", ", vectors.Select(c => c.Column))}); choose one with --vector-column");
        }

        if (vectors.Count == 1)
        {
            return (vectors[0].Table, vectors[0].Column);
        }

        if (request.VectorColumn is { } wanted && candidates.All(c => c.Column != wanted))
        {
            string found = candidates.Count == 0 ? "none" : string.Join(", ", candidates.Select(c => $"{c.Table}.{c.Column}"));
            throw new PostgresConnectorException($"--vector-column {wanted}: not a vector column{(request.Table is null ? "" : $" of {request.Table}")} (vector columns: {found})") { IsBadInput = true };
        }

        candidates = [.. candidates.Where(c => request.VectorColumn is null || c.Column == request.VectorColumn)];
        string schema = PostgresServer.Scalar<string>(connection, "SELECT current_schema()");
        throw new PostgresConnectorException(candidates.Count > 0
            ? $"{candidates[0].Table}.{candidates[0].Column} is real[], not a pgvector column: the server had no pgvector when the data was loaded"
            : $"{(request.Table is null ? "no table" : $"table {request.Table}")} in schema {schema} {(request.Table is null ? "has" : "has no")} a pgvector column; load a dataset with `recforge load postgres` first");
    }

    private static Dictionary<string, string> ColumnTypes(NpgsqlConnection connection, string table)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        using var command = new NpgsqlCommand("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        using NpgsqlDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            types[reader.GetString(0)] = reader.GetString(1);
        }

        return types;
    }

    private static string PrimaryKey(NpgsqlConnection connection, string table)
    {
        using var command = new NpgsqlCommand(
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = $1::regclass AND i.indisprimary", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = PostgresSql.Quote(table) });
        return command.ExecuteScalar() as string ?? throw new PostgresConnectorException($"{table} has no primary key to look up --like");
    }

    /// <summary>The indexed scalar columns (the ones worth filtering on) and any title or name, in table order.</summary>
    private static List<string> DefaultColumns(NpgsqlConnection connection, string table, string key, Dictionary<string, string> types)
    {
        var columns = new List<string>();
        using var command = new NpgsqlCommand(
            "SELECT a.attname FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped AND (a.attname IN ('title', 'name') OR EXISTS "
            + "(SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indnatts = 1 AND i.indkey[0] = a.attnum AND NOT i.indisprimary)) ORDER BY a.attnum", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = PostgresSql.Quote(table) });
        using NpgsqlDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            string name = reader.GetString(0);
            if (name != key && types[name] is "bigint" or "double precision" or "text" or "integer" or "timestamp with time zone")
            {
                columns.Add(name);
            }
        }

        return columns;
    }

    private static object KeyValue(string text, string type, string key) => type switch
    {
        "bigint" or "integer" => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l) ? l
            : throw new PostgresConnectorException($"--like {text}: {key} is an integer") { IsBadInput = true },
        "uuid" => Guid.TryParse(text, out Guid g) ? g : throw new PostgresConnectorException($"--like {text}: {key} is a UUID") { IsBadInput = true },
        _ => text,
    };
}
