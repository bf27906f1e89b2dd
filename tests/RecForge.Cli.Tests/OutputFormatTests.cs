using System.Text.Json;
using RecForge.Output;

namespace RecForge.Cli.Tests;

public sealed class OutputFormatTests : IDisposable
{
    private readonly string _root = Cli.TempDirectory();

    private Manifest Generate(string format, params string[] extra)
    {
        string dir = Path.Combine(_root, format);
        string[] args = ["generate", "media", "--out", dir, "--format", format, "--items", "300", "--users", "40", "--interactions", "900", .. extra];
        var (code, stdout, error) = Cli.Run(args);
        Assert.True(code == 0, error);
        Assert.Contains("interactions", stdout, StringComparison.Ordinal);
        return Manifest.Load(dir);
    }

    [Fact]
    public void Csv_and_json_lines_hold_the_same_rows_as_parquet()
    {
        Manifest parquet = Generate("parquet");
        Manifest csv = Generate("csv");
        Manifest jsonl = Generate("jsonl");
        Assert.Equal(parquet.Tables.Select(t => t.Rows), csv.Tables.Select(t => t.Rows));
        Assert.Equal(parquet.Tables.Select(t => t.Rows), jsonl.Tables.Select(t => t.Rows));

        string[] csvLines = File.ReadAllLines(Path.Combine(_root, "csv", "interactions", "part-00000.csv"));
        Assert.Equal("user_id,content_id,interaction_type,watch_time,timestamp", csvLines[0]);
        Assert.Equal(901, csvLines.Length);
        Assert.Matches(@"^[0-9a-f\-]{36},\d+,(view|like|save|share),[0-9.E\-]+,2024-\d\d-\d\dT\d\d:\d\d:\d\dZ$", csvLines[1]);

        string[] userLines = File.ReadAllLines(Path.Combine(_root, "jsonl", "users", "part-00000.jsonl"));
        Assert.Equal(40, userLines.Length);
        JsonElement user = JsonDocument.Parse(userLines[0]).RootElement;
        Assert.Equal(JsonValueKind.Object, user.GetProperty("demographics").ValueKind);
        Assert.Equal(3, user.GetProperty("psychographic_state").GetArrayLength());
    }

    [Fact]
    public void Popularity_picks_alone_give_zipf_interaction_counts()
    {
        // Only popularity picks: each interaction draws an item rank from Zipf(1.5) through the Feistel ranking.
        string dir = Path.Combine(_root, "popular");
        var (code, _, error) = Cli.Run("generate", "media", "--out", dir, "--items", "2000", "--users", "200", "--interactions", "40000",
            "--set", "events.choice.preference=0", "--set", "events.choice.popularity=1", "--set", "events.choice.exploration=0",
            "--set", "events.funnel.like.max=0", "--set", "events.funnel.save.max=0", "--set", "events.funnel.share.max=0",
            "--set", "events.funnel.like.min=0", "--set", "events.funnel.save.min=0", "--set", "events.funnel.share.min=0");
        Assert.True(code == 0, error);
        long[] items = new ParquetTable(Path.Combine(dir, "interactions")).Column<long>("content_id");
        var counts = new double[2000];
        foreach (long id in items)
        {
            counts[id - 1]++;
        }

        // 40,000 draws: the MLE's standard error is ~0.01, so ±0.1 is generous yet catches a wrong sampler or mapping.
        Assert.InRange(Quality.ZipfFit.Estimate(counts), 1.4, 1.6);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
