using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using RecForge.Cli;
using RecForge.Generation;
using RecForge.Output.Parquet;
using RecForge.Scenarios;

namespace RecForge.Bench;

/// <summary>One measured case, run in its own process: RecForge or DuckDB generating the same table.</summary>
internal static class BenchCase
{
    public static int RunChild(string[] args)
    {
        string name = args[1];
        long rows = long.Parse(args[2], CultureInfo.InvariantCulture);
        int threads = int.Parse(args[3], CultureInfo.InvariantCulture);
        string dir = Path.Combine(Path.GetTempPath(), "recforge-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            // Managed allocation and gen-0 collections during the case: the write path should not allocate per row.
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            int collectionsBefore = GC.CollectionCount(0);
            var clock = Stopwatch.StartNew();
            switch (name)
            {
                case "recforge-interactions":
                    RecForge(dir, threads, "interactions", items: 10_000, users: Math.Max(100, rows / 50), interactions: rows);
                    break;
                case "recforge-items":
                    RecForge(dir, threads, "media", items: rows, users: 100, interactions: 100);
                    break;
                case "duckdb-interactions":
                    DuckDb(dir, threads, InteractionsSql(rows, 10_000, Path.Combine(dir, "interactions.parquet")));
                    break;
                case "duckdb-items":
                    DuckDb(dir, threads, ItemsSql(rows, Path.Combine(dir, "media.parquet")));
                    break;
                default:
                    throw new ArgumentException($"unknown case {name}");
            }

            clock.Stop();
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            int collections = GC.CollectionCount(0) - collectionsBefore;
            long bytes = Directory.GetFiles(dir, "*.parquet", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

            // seconds, bytes on disk, peak memory (what the parent reads), then bytes allocated and gen-0 GCs.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {clock.Elapsed.TotalSeconds:F4} {bytes} {PeakMemory.Bytes()} {allocated} {collections}"));
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void RecForge(string dir, int threads, string table, long items, long users, long interactions)
    {
        // The media table unpartitioned, like DuckDB's single file; partitioning is measured by the CLI command in docs.
        ScenarioDefinition scenario = BuiltInScenarios.Load("media", [$"items.count={items}", $"users.count={users}", $"events.count={interactions}", "output.partition_rows=250000"]);
        scenario = scenario with { Items = scenario.Items with { PartitionBy = [] } };
        DatasetGenerator.Run(scenario, new GenerateOptions(dir, new ParquetTableFormat(), threads) { Tables = new HashSet<string> { table } });
    }

    // The same columns and types as RecForge's interactions: UUID user, BIGINT Zipf-like item (a power transform of a
    // uniform), type, watch time in [0, 1], timestamp in 2024; Snappy Parquet like RecForge's.
    private static string InteractionsSql(long rows, long items, string path) => string.Create(CultureInfo.InvariantCulture, $"""
        COPY (
          SELECT uuid() AS user_id,
                 CAST(floor(pow(random(), 4) * {items}) AS BIGINT) + 1 AS content_id,
                 (['view','like','save','share'])[1 + CAST(floor(random() * 4) AS INTEGER)] AS interaction_type,
                 random() AS watch_time,
                 TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_seconds(CAST(floor(random() * 31622400) AS BIGINT)) AS "timestamp"
          FROM range({rows})
        ) TO '{path}' (FORMAT parquet, COMPRESSION snappy)
        """);

    // Items with a 1024-float embedding, a title, a genre, a mood, a year and a popularity, like the media table.
    private static string ItemsSql(long rows, string path) => string.Create(CultureInfo.InvariantCulture, $"""
        COPY (
          SELECT range + 1 AS content_id,
                 'Title ' || range AS title,
                 (['Action','Comedy','Drama','Thriller','Horror'])[1 + CAST(floor(random() * 5) AS INTEGER)] AS genre,
                 (['Uplifting','Melancholic','Tense','Romantic','Comedic'])[1 + CAST(floor(random() * 5) AS INTEGER)] AS mood,
                 1920 + CAST(floor(random() * 105) AS INTEGER) AS release_year,
                 pow(range + 1, -1.5) AS popularity,
                 list_transform(range(1024), x -> CAST(random() AS FLOAT)) AS embedding
          FROM range({rows})
        ) TO '{path}' (FORMAT parquet, COMPRESSION snappy)
        """);

    private static void DuckDb(string dir, int threads, string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using DuckDBCommand command = connection.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"SET threads = {threads}; SET preserve_insertion_order = false; SET temp_directory = '{dir}';");
        command.ExecuteNonQuery();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
