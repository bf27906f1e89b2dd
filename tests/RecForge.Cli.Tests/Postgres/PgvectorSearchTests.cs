using System.Globalization;
using Npgsql;
using RecForge.Connectors.Postgres.Search;

namespace RecForge.Cli.Tests.Postgres;

/// <summary>
/// Load into a pgvector server (PGlite with the real extension), then hybrid search: the HNSW answer must match the
/// brute-force answer computed here from the Parquet files.
/// </summary>
public sealed class PgvectorSearchTests : IClassFixture<PgvectorSearchTests.LoadedServer>
{
    private readonly LoadedServer _loaded;

    public PgvectorSearchTests(LoadedServer loaded) => _loaded = loaded;

    [Fact]
    public void Embeddings_load_into_a_vector_column_with_an_hnsw_cosine_index()
    {
        Assert.True(_loaded.Load.Code == 0, _loaded.Load.Error);
        Assert.Contains("pgvector vector(N)", _loaded.Load.Out, StringComparison.Ordinal);
        using var db = new NpgsqlConnection(_loaded.Server.ConnectionString);
        db.Open();
        using (var command = new NpgsqlCommand("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'media'::regclass AND attname = 'embedding'", db))
        {
            Assert.Equal("vector(1024)", command.ExecuteScalar());
        }

        using (var command = new NpgsqlCommand("SELECT indexdef FROM pg_indexes WHERE indexname = 'media_embedding_hnsw'", db))
        {
            string definition = (string)command.ExecuteScalar()!;
            Assert.Contains("USING hnsw (embedding vector_cosine_ops) WITH (m='16', ef_construction='200')", definition, StringComparison.Ordinal);
        }

        using (var command = new NpgsqlCommand("SELECT count(*) FROM media", db))
        {
            Assert.Equal(600L, command.ExecuteScalar());
        }
    }

    [Fact]
    public void Hybrid_search_returns_the_brute_force_top_10_under_a_metadata_filter()
    {
        Assert.True(_loaded.Load.Code == 0, _loaded.Load.Error);
        var media = new ParquetTable(Path.Combine(_loaded.Data.Directory, "media"));
        long[] ids = media.Column<long>("content_id");
        float[][] embeddings = media.Column<float[]>("embedding");
        double[] popularity = media.Column<double>("popularity");
        long[] years = media.Column<long>("release_year");
        double threshold = popularity.Order().ElementAt(popularity.Length / 4);

        var random = new Random(11);
        double recall = 0;
        const int Queries = 8;
        for (int q = 0; q < Queries; q++)
        {
            int query = random.Next(ids.Length);
            HybridSearchResult result = HybridSearch.Run(new HybridSearchRequest(_loaded.Server.ConnectionString, ids[query].ToString(CultureInfo.InvariantCulture))
            {
                Where = string.Create(CultureInfo.InvariantCulture, $"release_year >= 1990 and popularity > {threshold:R}"),
                Limit = 10,
            });

            int[] eligible = [.. Enumerable.Range(0, ids.Length).Where(i => i != query && years[i] >= 1990 && popularity[i] > threshold)];
            var exact = eligible.Select(i => (Id: ids[i], Similarity: Cosine(embeddings[query], embeddings[i]))).OrderByDescending(x => x.Similarity).Take(10).ToList();
            Assert.Equal(10, result.Rows.Count);
            Assert.Equal("content_id", result.Columns[0]);
            Assert.Equal("similarity", result.Columns[^1]);
            int year = result.Columns.ToList().IndexOf("release_year"), pop = result.Columns.ToList().IndexOf("popularity");
            foreach (object?[] row in result.Rows)
            {
                // Every hit satisfies the filter, and its similarity is the exact cosine (float32 sums: 1e-4).
                Assert.True((long)row[year]! >= 1990 && (double)row[pop]! > threshold);
                int index = Array.IndexOf(ids, (long)row[0]!);
                Assert.Equal(Cosine(embeddings[query], embeddings[index]), (double)row[^1]!, 1e-4);
            }

            recall += result.Rows.Count(r => exact.Any(e => e.Id == (long)r[0]!)) / 10.0;
        }

        // HNSW (m 16, ef_construction 200, ef_search 40) over a few hundred vectors is near exact; the issue asks ≥ 0.9.
        Assert.True(recall / Queries >= 0.9, $"recall@10 {recall / Queries:F3}");
    }

    [Fact]
    public void Search_command_prints_a_table_and_rejects_filters_that_are_not_filters()
    {
        Assert.True(_loaded.Load.Code == 0, _loaded.Load.Error);
        long id = new ParquetTable(Path.Combine(_loaded.Data.Directory, "media")).Column<long>("content_id")[3];
        var (code, output, error) = Cli.Run("search", "postgres", "--connection", _loaded.Server.ConnectionString, "--like", id.ToString(CultureInfo.InvariantCulture),
            "--where", "release_year >= 1980 and cultural_context.language in ('English', 'French')", "--limit", "5");
        Assert.True(code == 0, error);
        Assert.Contains("similarity", output, StringComparison.Ordinal);
        Assert.Equal(5, output.Split('\n').Count(l => l.StartsWith("│ ", StringComparison.Ordinal) && char.IsAsciiDigit(l[2])));

        (code, _, error) = Cli.Run("search", "postgres", "--connection", _loaded.Server.ConnectionString, "--like", id.ToString(CultureInfo.InvariantCulture),
            "--where", "release_year >= 1980; DROP TABLE media");
        Assert.Equal(2, code);
        Assert.Contains("--where, at character 21: unexpected '; DROP TABLE media'", error, StringComparison.Ordinal);

        // The dataset is in the current schema: naming it works, naming another is bad input.
        (code, _, error) = Cli.Run("search", "postgres", "--connection", _loaded.Server.ConnectionString, "--like", id.ToString(CultureInfo.InvariantCulture), "--schema", "public", "--limit", "3");
        Assert.True(code == 0, error);
        (code, _, error) = Cli.Run("search", "postgres", "--connection", _loaded.Server.ConnectionString, "--like", id.ToString(CultureInfo.InvariantCulture), "--schema", "elsewhere");
        Assert.Equal(2, code);
        Assert.Contains("--schema elsewhere: no such schema", error, StringComparison.Ordinal);

        (code, _, error) = Cli.Run("search", "postgres", "--connection", _loaded.Server.ConnectionString, "--like", "-5");
        Assert.Equal(1, code);
        Assert.Contains("no row of media has content_id = -5", error, StringComparison.Ordinal);

        // Issue 16: a column that is not a vector is named as such (it blamed a missing pgvector), ef_search is checked.
        (code, _, error) = Cli.Run("search", "postgres", "--connection", _loaded.Server.ConnectionString, "--like", id.ToString(CultureInfo.InvariantCulture), "--vector-column", "title");
        Assert.Equal(2, code);
        Assert.Contains("--vector-column title: not a vector column (vector columns: media.embedding", error, StringComparison.Ordinal);
        (code, _, error) = Cli.Run("search", "postgres", "--connection", _loaded.Server.ConnectionString, "--like", id.ToString(CultureInfo.InvariantCulture), "--ef-search", "-5");
        Assert.Equal(2, code);
        Assert.Contains("--ef-search -5: must be between 1 and 1000", error, StringComparison.Ordinal);

        using var db = new NpgsqlConnection(_loaded.Server.ConnectionString);
        db.Open();
        using var command = new NpgsqlCommand("SELECT count(*) FROM media", db);
        Assert.Equal(600L, command.ExecuteScalar());
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += a[i] * (double)b[i];
            na += a[i] * (double)a[i];
            nb += b[i] * (double)b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }

    /// <summary>The small media dataset loaded once into a PGlite server.</summary>
    public sealed class LoadedServer : IDisposable
    {
        public LoadedServer()
        {
            Data = new SmallMediaDataset();
            Server = new PgliteServer();
            Load = Cli.Run("load", "postgres", Data.Directory, "--connection", Server.ConnectionString);
        }

        public SmallMediaDataset Data { get; }

        public PgliteServer Server { get; }

        public (int Code, string Out, string Error) Load { get; }

        public void Dispose()
        {
            Server.Dispose();
            Data.Dispose();
        }
    }
}
