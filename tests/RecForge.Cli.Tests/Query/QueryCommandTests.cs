using System.Globalization;
using RecForge.Datasets;
using RecForge.Output;
using RecForge.Quality;

namespace RecForge.Cli.Tests.Query;

/// <summary><c>recforge query</c>: DuckDB views over every table of a dataset, in every format generate writes.</summary>
public sealed class QueryCommandTests : IDisposable
{
    private readonly string _root = Cli.TempDirectory();

    private string Generate(string scenario, params string[] args)
    {
        string dir = Path.Combine(_root, scenario + string.Join("", args.Where(a => !a.StartsWith("--", StringComparison.Ordinal) && !char.IsAsciiDigit(a[0]))));
        var (code, _, error) = Cli.Run(["generate", scenario, "--out", dir, .. args]);
        Assert.True(code == 0, error);
        return dir;
    }

    [Theory]
    [InlineData("parquet")]
    [InlineData("csv")]
    public void Hive_folder_names_are_path_safe_and_duckdb_reads_the_original_values_back(string format)
    {
        string dir = Generate("media", "--items", "400", "--users", "40", "--interactions", "400", "--format", format);

        // "genre=Action > Heist" would break shell loops and is illegal on Windows: spaces, <, >, | and Hive's set are
        // percent-encoded (genre=Action%20%3E%20Heist), as Hive and DuckDB write them.
        string[] folders = [.. Directory.GetDirectories(Path.Combine(dir, "media"), "*", SearchOption.AllDirectories).Select(Path.GetFileName)!];
        Assert.NotEmpty(folders);
        Assert.All(folders, f => Assert.Matches(@"^[A-Za-z0-9_.%=&,()+-]+$", f));
        Assert.Contains(folders, f => f.Contains("%20%3E%20", StringComparison.Ordinal));

        // DuckDB with hive_partitioning = true (the query views) and RecForge's own reader both give the values back.
        var (code, output, error) = Cli.Run("query", dir, "SELECT DISTINCT genre FROM media ORDER BY genre", "--format", "csv");
        Assert.True(code == 0, error);
        string[] duck = [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1)];
        var dataset = RecForgeDataset.Open(dir);
        var own = new SortedSet<string>(StringComparer.Ordinal);
        foreach (ColumnBatch batch in dataset.Open(dataset.Manifest.Tables.First(t => t.Name == "media")).Read())
        {
            string[] genres = batch.Column<string>(batch.Schema.IndexOf("genre"));
            for (int r = 0; r < batch.Count; r++)
            {
                own.Add(genres[r]);
            }
        }

        Assert.Contains("Action > Heist", own);
        Assert.Equal(own.OrderBy(g => g, StringComparer.Ordinal), duck.OrderBy(g => g, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("media", "parquet")]
    [InlineData("media", "json")]
    [InlineData("ecommerce", "csv")]
    [InlineData("ecommerce", "jsonl")]
    [InlineData("music", "parquet")]
    public void A_join_of_the_events_with_the_catalogue_finds_every_event(string scenario, string format)
    {
        string[] size = scenario switch
        {
            "media" => ["--items", "400", "--users", "80", "--interactions", "2500"],
            "music" => ["--users", "40", "--songs", "300", "--artists", "30", "--interactions", "2000"],
            _ => ["--users", "80", "--items", "400", "--interactions", "2000"],
        };
        string dir = Generate(scenario, [.. size, "--format", format]);
        var dataset = RecForgeDataset.Open(dir);
        string events = dataset.Scenario.Events.Table, items = dataset.Scenario.Items.Table, key = dataset.Scenario.Items.IdColumn;
        string item = ScenarioColumns.For(dataset.Scenario).EventItem;
        var (code, output, error) = Cli.Run("query", dir, $"SELECT count(*) AS joined FROM {events} e JOIN {items} i ON e.{item} = i.{key}", "--format", "csv");
        Assert.True(code == 0, error);
        Assert.Equal($"joined\n{dataset.EventsTable.Rows}\n", output);

        // Without SQL: every table with its manifest row count.
        (code, output, error) = Cli.Run("query", dir);
        Assert.True(code == 0, error);
        foreach (ManifestTable table in dataset.Manifest.Tables)
        {
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{table.Name} ({table.Rows:N0} rows)"), output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Partition_columns_come_back_with_their_values()
    {
        string dir = Generate("media", "--items", "600", "--users", "50", "--interactions", "500");
        var expected = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (ColumnBatch batch in RecForgeDataset.Open(dir).Table("media").Read())
        {
            string[] genres = batch.Column<string>(batch.Schema.IndexOf("genre"));
            for (int r = 0; r < batch.Count; r++)
            {
                expected[genres[r]] = expected.GetValueOrDefault(genres[r]) + 1;
            }
        }

        var (code, output, error) = Cli.Run("query", dir, "SELECT genre, count(*) AS n FROM media GROUP BY genre ORDER BY genre", "--format", "csv");
        Assert.True(code == 0, error);
        string[] lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal("genre,n", lines[0]);
        Assert.Equal(expected.Select(p => $"{(p.Key.Contains(',', StringComparison.Ordinal) ? $"\"{p.Key}\"" : p.Key)},{p.Value}"), lines.Skip(1));
    }

    [Fact]
    public void Results_go_to_files_and_to_an_aligned_table()
    {
        string dir = Generate("ecommerce", "--users", "60", "--items", "300", "--interactions", "900");
        string parquet = Path.Combine(_root, "out", "ratings.parquet"), json = Path.Combine(_root, "out", "top.json");
        var (code, output, error) = Cli.Run("query", dir, "SELECT * FROM interactions WHERE rating >= 4", "--out", parquet);
        Assert.True(code == 0, error);
        long rows = long.Parse(output.Split(' ')[0].Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        Assert.Equal(rows, new ParquetTable(Path.GetDirectoryName(parquet)!).Column<double?>("rating").Count(r => r >= 4));
        Assert.True(rows > 0);

        (code, _, error) = Cli.Run("query", dir, "SELECT user_id, count(*) AS n FROM interactions GROUP BY user_id ORDER BY n DESC, user_id LIMIT 5", "--out", json);
        Assert.True(code == 0, error);
        Assert.Equal(5, File.ReadAllLines(json).Length);
        Assert.All(File.ReadAllLines(json), l => Assert.StartsWith("{\"user_id\":", l, StringComparison.Ordinal));

        (code, output, error) = Cli.Run("query", dir, "SELECT rating, count(*) AS n FROM interactions GROUP BY rating ORDER BY rating", "--max-rows", "3");
        Assert.True(code == 0, error);
        string[] lines = output.TrimEnd('\n').Split('\n');
        Assert.Matches(@"^rating +n *$", lines[0]);
        Assert.Matches(@"^-+  -+$", lines[1]);
        Assert.Equal(6, lines.Length); // header, rule, three rows, the note
        Assert.Contains("more not shown", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_queries_and_options_are_one_line_errors()
    {
        string dir = Generate("ecommerce", "--users", "20", "--items", "100", "--interactions", "200");
        foreach (string[] args in new[]
        {
            new[] { "query", dir, "SELEC 1" },
            ["query", dir, "SELECT * FROM nothing"],
            ["query", dir, "SELECT 1", "--format", "parquet"],
            ["query", dir, "SELECT 1", "--format", "xml"],
            ["query", Path.Combine(_root, "missing"), "SELECT 1"],
        })
        {
            var (code, _, error) = Cli.Run(args);
            Assert.Equal(2, code);
            Assert.Single(error.TrimEnd('\n').Split('\n'));
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
