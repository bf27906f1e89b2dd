using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RecForge.Cli.Tests.Truth;

/// <summary><c>recforge score</c>: recommendation lists against the truth behind a dataset.</summary>
public sealed class ScoreCommandTests(ScoreCommandTests.Dataset data) : IClassFixture<ScoreCommandTests.Dataset>
{
    private readonly string _root = data.Root;
    private readonly string _dataset = data.Path;

    private (JsonElement Report, string Out) Score(params string[] args)
    {
        string report = System.IO.Path.Combine(_root, Guid.NewGuid().ToString("N"), "score.html");
        var (code, output, error) = Cli.Run(["score", _dataset, "--report", report, "--k", "10,20", .. args]);
        Assert.True(code == 0, error);
        Assert.Contains("<svg", File.ReadAllText(report), StringComparison.Ordinal);
        return (JsonDocument.Parse(File.ReadAllText(System.IO.Path.ChangeExtension(report, ".json"))).RootElement, output);
    }

    private static JsonElement At(JsonElement report, string model, int k = 0)
        => report.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("name").GetString() == model).GetProperty("at_k")[k];

    private static double Get(JsonElement report, string model, string metric, int k = 0) => At(report, model, k).GetProperty(metric).GetDouble();

    [Fact]
    public void The_oracle_scores_one_against_itself_and_beats_most_popular_which_beats_random()
    {
        var (report, output) = Score();
        Assert.Contains("oracle", output, StringComparison.Ordinal);
        for (int k = 0; k < 2; k++)
        {
            Assert.Equal(1.0, Get(report, "oracle", "ndcg_oracle", k), 12);
            Assert.Equal(1.0, Get(report, "oracle", "recall_oracle", k), 12);

            // The oracle beats most popular, which beats random, by the oracle's choice probability (what users pick);
            // by the true affinity alone the oracle beats both, but the most popular titles are no closer to a user's
            // taste than random ones (media draws 30% of picks by popularity alone, and popularity is not taste).
            Assert.True(Get(report, "most_popular", "ndcg_oracle", k) < 1.0);
            Assert.True(Get(report, "most_popular", "ndcg_oracle", k) > Get(report, "random", "ndcg_oracle", k));
            Assert.True(Get(report, "oracle", "ndcg_affinity", k) > Get(report, "most_popular", "ndcg_affinity", k) + 0.05);
            Assert.True(Get(report, "oracle", "ndcg_affinity", k) > Get(report, "random", "ndcg_affinity", k) + 0.05);
            Assert.True(Get(report, "oracle", "mean_affinity", k) > Get(report, "random", "mean_affinity", k));
            Assert.True(Get(report, "most_popular", "held_out_ndcg", k) > Get(report, "random", "held_out_ndcg", k));
        }

        // Random lists spread over the catalogue at a popularity rank near its middle; most popular lists do neither.
        Assert.True(Get(report, "random", "coverage") > Get(report, "most_popular", "coverage"));
        Assert.InRange(Get(report, "random", "popularity_rank"), 800, 1200);
        Assert.True(Get(report, "most_popular", "popularity_rank") < 100);
    }

    [Fact]
    public void A_recommendations_file_is_read_by_rank_or_by_score()
    {
        // Each user's oracle list of items they have not met, from truth_topk_unseen: once with its scores (higher
        // first), once with its ranks reversed. The same items, so the same mean affinity and oracle recall (near 1:
        // score's oracle leaves out only the training slice), but the first in the right order: measured 0.915 against
        // 0.588 NDCG by the oracle.
        var (code, csv, error) = Cli.Run("query", _dataset, "SELECT user_id, content_id, probability AS score, 11 - rank AS rank FROM truth_topk_unseen ORDER BY user_id, rank", "--format", "csv");
        Assert.True(code == 0, error);
        string[] lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string byScore = System.IO.Path.Combine(_root, "by-score.csv"), reversed = System.IO.Path.Combine(_root, "reversed.csv");
        File.WriteAllLines(byScore, lines.Select(l => string.Join(',', l.Split(',')[..3])));
        File.WriteAllLines(reversed, lines.Select(l => { string[] p = l.Split(','); return $"{p[0]},{p[1]},{p[3]}"; }));
        var (report, _) = Score("--recommendations", byScore, reversed, "--no-baselines");
        Assert.Equal(300, report.GetProperty("models")[0].GetProperty("users").GetInt32());
        Assert.InRange(Get(report, "by-score", "recall_oracle"), 0.85, 1);
        Assert.True(Get(report, "by-score", "ndcg_oracle") > Get(report, "reversed", "ndcg_oracle") + 0.2,
            $"{Get(report, "by-score", "ndcg_oracle")} vs {Get(report, "reversed", "ndcg_oracle")}");
        Assert.Equal(Get(report, "by-score", "mean_affinity"), Get(report, "reversed", "mean_affinity"), 9);
    }

    [Theory]
    [InlineData("unknown-user", "line 3: unknown user 'nobody'")]
    [InlineData("unknown-item", "line 2: unknown item 'no-such-item'")]
    [InlineData("duplicate-rank", "line 3: user")]
    public void A_bad_recommendations_file_is_a_one_line_error_naming_the_line(string kind, string expected)
    {
        var (_, csv, _) = Cli.Run("query", _dataset, "SELECT user_id, content_id FROM truth_topk WHERE rank <= 2 ORDER BY user_id, rank LIMIT 2", "--format", "csv");
        string[] rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..];
        var text = new StringBuilder("user_id,content_id,rank\n");
        switch (kind)
        {
            case "unknown-user":
                text.Append(CultureInfo.InvariantCulture, $"{rows[0]},1\nnobody,{rows[1].Split(',')[1]},2\n");
                break;
            case "unknown-item":
                text.Append(CultureInfo.InvariantCulture, $"{rows[0].Split(',')[0]},no-such-item,1\n");
                break;
            default:
                text.Append(CultureInfo.InvariantCulture, $"{rows[0]},1\n{rows[1]},1\n");
                break;
        }

        string path = System.IO.Path.Combine(_root, kind + ".csv");
        File.WriteAllText(path, text.ToString());
        var (code, output, error) = Cli.Run("score", _dataset, "--recommendations", path, "--no-baselines", "--report", System.IO.Path.Combine(_root, kind + ".html"));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(path + ": " + expected, error, StringComparison.Ordinal);
        Assert.False(File.Exists(System.IO.Path.Combine(_root, kind + ".html")));
    }

    /// <summary>One media dataset with its truth, shared by the tests (each writes its own files beside it).</summary>
    public sealed class Dataset : IDisposable
    {
        public Dataset()
        {
            Path = System.IO.Path.Combine(Root, "media");
            var (code, _, error) = Cli.Run("generate", "media", "--items", "2000", "--users", "300", "--interactions", "15000", "--ground-truth", "--truth-k", "10", "--out", Path);
            Assert.True(code == 0, error);
        }

        public string Root { get; } = Cli.TempDirectory();

        public string Path { get; }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
