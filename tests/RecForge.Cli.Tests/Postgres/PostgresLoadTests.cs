using System.Text.Json;
using Npgsql;
using RecForge.Connectors.Postgres;
using RecForge.Generation;
using RecForge.Output;

namespace RecForge.Cli.Tests.Postgres;

/// <summary>
/// <c>recforge load postgres</c> against a real PostgreSQL server (Debian's package, a throwaway cluster): types,
/// keys, indexes, row-by-row agreement with the Parquet files, refusing to overwrite, and rollback of a load whose
/// connection is killed midway. Debian's PostgreSQL has no pgvector, so embeddings load as real[].
/// </summary>
public sealed class PostgresLoadTests(PostgresCluster server, SmallMediaDataset data) : IClassFixture<PostgresCluster>, IClassFixture<SmallMediaDataset>
{
    [Fact]
    public void Load_creates_typed_tables_with_keys_and_indexes_and_every_row_of_the_parquet_files()
    {
        string connection = NewDatabase();
        var (code, output, error) = Cli.Run("load", "postgres", data.Directory, "--connection", connection);
        Assert.True(code == 0, error);
        Assert.Contains("pgvector is not available", error, StringComparison.Ordinal);
        Assert.Contains("binary COPY", output, StringComparison.Ordinal);

        using var db = new NpgsqlConnection(connection);
        db.Open();
        Manifest manifest = Manifest.Load(data.Directory);
        foreach (ManifestTable table in manifest.Tables)
        {
            Assert.Equal(table.Rows, Scalar<long>(db, $"SELECT count(*) FROM {table.Name}"));
        }

        Dictionary<string, string> types = Rows(db, "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns WHERE table_schema = 'public'")
            .ToDictionary(r => (string)r[0], r => (string)r[1]);
        Assert.Equal("bigint", types["media.content_id"]);
        Assert.Equal("jsonb", types["media.cultural_context"]);
        Assert.Equal("ARRAY", types["media.embedding"]);
        Assert.Equal("bigint", types["media.release_year"]);
        Assert.Equal("text", types["media.genre"]);
        Assert.Equal("uuid", types["users.user_id"]);
        Assert.Equal("jsonb", types["users.demographics"]);
        Assert.Equal("ARRAY", types["users.taste_clusters"]);
        Assert.Equal("timestamp with time zone", types["interactions.timestamp"]);

        string[] constraints = [.. Rows(db, "SELECT conrelid::regclass::text || ':' || contype::text || ':' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1").Select(r => (string)r[0])];
        Assert.Contains("media:p:PRIMARY KEY (content_id)", constraints);
        Assert.Contains("users:p:PRIMARY KEY (user_id)", constraints);
        Assert.Contains("interactions:f:FOREIGN KEY (user_id) REFERENCES users(user_id)", constraints);
        Assert.Contains("interactions:f:FOREIGN KEY (content_id) REFERENCES media(content_id)", constraints);

        string[] indexes = [.. Rows(db, "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'").Select(r => (string)r[0])];
        foreach (string column in (string[])["genre", "mood", "release_year", "popularity"])
        {
            Assert.Contains(indexes, i => i.Contains($"ON public.media USING btree ({column})", StringComparison.Ordinal));
        }

        Assert.Contains(indexes, i => i.Contains("ON public.interactions USING btree (user_id, \"timestamp\")", StringComparison.Ordinal));

        // Spot-check 25 items column by column against an independent read of the Parquet files.
        var media = new ParquetTable(Path.Combine(data.Directory, "media"));
        long[] ids = media.Column<long>("content_id");
        string[] titles = media.Column<string>("title"), genres = media.Partition("genre"), years = [.. media.Column<long>("release_year").Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture))], contexts = media.Column<string>("cultural_context");
        double[] popularity = media.Column<double>("popularity");
        float[][] embeddings = media.Column<float[]>("embedding");
        var random = new Random(7);
        for (int n = 0; n < 25; n++)
        {
            int i = random.Next(ids.Length);
            object[] row = Rows(db, "SELECT title, genre, release_year, popularity, cultural_context::text, cultural_context ->> 'language', embedding FROM media WHERE content_id = $1", ids[i]).Single();
            Assert.Equal(titles[i], row[0]);
            Assert.Equal(genres[i], row[1]);
            Assert.Equal(long.Parse(years[i], System.Globalization.CultureInfo.InvariantCulture), row[2]);
            Assert.Equal(popularity[i], row[3]);
            Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(contexts[i]).RootElement, JsonDocument.Parse((string)row[4]).RootElement), $"{contexts[i]} vs {row[4]}");
            Assert.Equal(JsonDocument.Parse(contexts[i]).RootElement.GetProperty("language").GetString(), row[5]);
            Assert.Equal(embeddings[i], (float[])row[6]);
        }

        // Interactions: the same (user, item, time) multiset as the file, checked through an order-free digest.
        var events = new ParquetTable(Path.Combine(data.Directory, "interactions"));
        Guid[] users = events.Column<Guid>("user_id");
        long[] items = events.Column<long>("content_id");
        DateTime[] times = events.Column<DateTime>("timestamp");
        long expected = 0;
        for (int i = 0; i < users.Length; i++)
        {
            expected += (users[i].GetHashCode() ^ items[i].GetHashCode() ^ times[i].Ticks.GetHashCode()) & 0xFFFFFF;
        }

        long actual = 0;
        foreach (object[] row in Rows(db, "SELECT user_id, content_id, timestamp FROM interactions"))
        {
            actual += (((Guid)row[0]).GetHashCode() ^ ((long)row[1]).GetHashCode() ^ ((DateTime)row[2]).Ticks.GetHashCode()) & 0xFFFFFF;
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_csv_dataset_loads_with_the_types_and_values_its_scenario_gives()
    {
        // ecommerce writes CSV by default; the reading layer types its columns by the scenario.
        string dir = Path.Combine(Cli.TempDirectory(), "ecommerce");
        var (generated, _, generateError) = Cli.Run("generate", "ecommerce", "--out", dir, "--users", "80", "--items", "500", "--interactions", "2000");
        Assert.True(generated == 0, generateError);
        string connection = NewDatabase();
        var (code, _, error) = Cli.Run("load", "postgres", dir, "--connection", connection);
        Assert.True(code == 0, error);

        using var db = new NpgsqlConnection(connection);
        db.Open();
        var dataset = RecForge.Datasets.RecForgeDataset.Open(dir);
        Assert.Equal("csv", dataset.Format);
        foreach (ManifestTable table in dataset.Manifest.Tables)
        {
            Assert.Equal(table.Rows, Scalar<long>(db, $"SELECT count(*) FROM {table.Name}"));
        }

        Dictionary<string, string> types = Rows(db, "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns WHERE table_schema = 'public'")
            .ToDictionary(r => (string)r[0], r => (string)r[1]);
        Assert.Equal("double precision", types["interactions.rating"]);
        Assert.Equal("timestamp with time zone", types["interactions.timestamp"]);

        // The ratings' sum and latest time agree with the files read back.
        double sum = 0;
        DateTime latest = DateTime.MinValue;
        foreach (ColumnBatch batch in dataset.Table("interactions").Read())
        {
            int rating = batch.Schema.IndexOf("rating"), time = batch.Schema.IndexOf("timestamp");
            for (int r = 0; r < batch.Count; r++)
            {
                sum += batch.Column<double>(rating)[r];
                latest = batch.Column<DateTime>(time)[r] > latest ? batch.Column<DateTime>(time)[r] : latest;
            }
        }

        Assert.Equal(sum, Scalar<double>(db, "SELECT sum(rating) FROM interactions"), 6);
        Assert.Equal(latest, Scalar<DateTime>(db, "SELECT max(\"timestamp\") FROM interactions").ToUniversalTime());
    }

    [Fact]
    public void Schemas_keep_two_datasets_with_the_same_table_names_apart()
    {
        string shop = Path.Combine(Cli.TempDirectory(), "shop");
        Assert.Equal(0, Cli.Run("generate", "ecommerce", "--out", shop, "--users", "70", "--items", "300", "--interactions", "900").ExitCode);
        string connection = NewDatabase();
        var (code, output, error) = Cli.Run("load", "postgres", data.Directory, "--connection", connection, "--schema", "media_a");
        Assert.True(code == 0, error);
        Assert.Contains("vectors as real[]", output, StringComparison.Ordinal);
        (code, output, error) = Cli.Run("load", "postgres", shop, "--connection", connection, "--schema", "shop b");
        Assert.True(code == 0, error);
        Assert.DoesNotContain("vectors", output + error, StringComparison.Ordinal);

        using var db = new NpgsqlConnection(connection);
        db.Open();
        Assert.Equal(Manifest.Load(data.Directory).Tables.Single(t => t.Name == "users").Rows, Scalar<long>(db, "SELECT count(*) FROM media_a.users"));
        Assert.Equal(70, Scalar<long>(db, "SELECT count(*) FROM \"shop b\".users"));
        Assert.Equal(0, Scalar<long>(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
        Assert.Equal(1, Scalar<long>(db, "SELECT count(*) FROM pg_constraint WHERE conrelid = '\"shop b\".interactions'::regclass AND contype = 'f' AND confrelid = '\"shop b\".users'::regclass"));

        // The same schema again clashes as a plain load would; another schema's tables do not.
        (code, _, error) = Cli.Run("load", "postgres", shop, "--connection", connection, "--schema", "media_a");
        Assert.Equal(1, code);
        Assert.Contains("interactions, users already exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_refuses_existing_tables_unless_told_to_drop_them()
    {
        string connection = NewDatabase();
        Assert.Equal(0, Cli.Run("load", "postgres", data.Directory, "--connection", connection).ExitCode);

        var (code, _, error) = Cli.Run("load", "postgres", data.Directory, "--connection", connection);
        Assert.Equal(1, code);
        Assert.Contains("interactions, media, users already exist; pass --drop-existing", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));

        (code, _, error) = Cli.Run("load", "postgres", data.Directory, "--connection", connection, "--drop-existing");
        Assert.True(code == 0, error);
        using var db = new NpgsqlConnection(connection);
        db.Open();
        Assert.Equal(600L, Scalar<long>(db, "SELECT count(*) FROM media"));
        Assert.Equal(20_000L, Scalar<long>(db, "SELECT count(*) FROM interactions"));
    }

    [Fact]
    public void A_load_whose_connection_is_killed_midway_leaves_no_half_loaded_table()
    {
        string connection = NewDatabase();
        string database = new NpgsqlConnectionStringBuilder(connection).Database!;
        using var admin = new NpgsqlConnection(server.ConnectionString());
        admin.Open();
        bool killed = false;
        var options = new PostgresLoadOptions(connection + ";Application Name=recforge-doomed-load")
        {
            BatchRows = 1000,
            Progress = new SynchronousProgress(p =>
            {
                // Halfway through the interactions (the last table), terminate the loader's backend from outside.
                if (!killed && p.RowsDone > 600 + 300 + 10_000)
                {
                    killed = Scalar<bool>(admin, "SELECT bool_or(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'recforge-doomed-load'");
                }
            }),
        };

        var e = Assert.Throws<PostgresConnectorException>(() => PostgresLoader.Load(data.Directory, options));
        Assert.True(killed);
        Assert.Contains("postgres 127.0.0.1", e.Message, StringComparison.Ordinal);

        using var db = new NpgsqlConnection(connection);
        db.Open();
        Assert.True(Scalar<bool>(db, "SELECT to_regclass('interactions') IS NULL"));
        Assert.Equal(600L, Scalar<long>(db, "SELECT count(*) FROM media"));
        Assert.Equal(300L, Scalar<long>(db, "SELECT count(*) FROM users"));
        Assert.Equal(database, Scalar<string>(db, "SELECT current_database()"));
    }

    [Fact]
    public void An_unreachable_server_is_one_line_and_a_non_zero_exit()
    {
        int port = PostgresCluster.FreePort();
        var (code, _, error) = Cli.Run("load", "postgres", data.Directory, "--connection", $"Host=127.0.0.1;Port={port};Username=postgres;Timeout=5");
        Assert.Equal(1, code);
        Assert.StartsWith($"error: postgres 127.0.0.1:{port}/postgres: cannot connect", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    private string NewDatabase()
    {
        string name = "load_" + Guid.NewGuid().ToString("N")[..12];
        using var admin = new NpgsqlConnection(server.ConnectionString());
        admin.Open();
        using (var command = new NpgsqlCommand($"CREATE DATABASE {name}", admin))
        {
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(server.ConnectionString()) { Database = name }.ConnectionString;
    }

    private static T Scalar<T>(NpgsqlConnection db, string sql)
    {
        using var command = new NpgsqlCommand(sql, db);
        return (T)command.ExecuteScalar()!;
    }

    private static List<object[]> Rows(NpgsqlConnection db, string sql, params object[] parameters)
    {
        using var command = new NpgsqlCommand(sql, db);
        foreach (object p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        using NpgsqlDataReader reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    private sealed class SynchronousProgress(Action<GenerationProgress> report) : IProgress<GenerationProgress>
    {
        public void Report(GenerationProgress value) => report(value);
    }
}
