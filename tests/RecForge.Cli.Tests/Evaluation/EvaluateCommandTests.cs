using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RecForge.Cli.Tests.Evaluation;

/// <summary>Issue 8 (evaluate): the real MovieLens latest-small log against itself and against a scrambled copy.</summary>
public sealed class EvaluateCommandTests : IDisposable
{
    private static readonly string MovieLens = MovieLensData.Directory;
    private readonly string _root = Cli.TempDirectory();

    private (string Out, JsonElement Json) Evaluate(string synthetic, string name)
    {
        string report = Path.Combine(_root, name + ".html");
        var (code, stdout, error) = Cli.Run("evaluate", "--real", Path.Combine(MovieLens, "ratings.csv"), "--synthetic", synthetic,
            "--items", Path.Combine(MovieLens, "movies.csv"), "--report", report);
        Assert.True(code == 0, error);
        string html = File.ReadAllText(report);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);

        // Charts people trust: at least three labelled y ticks, category labels that never overlap, weekdays in calendar
        // order, numbers by value; and the report says whether the twin could have learned from its test users.
        var figures = SvgCharts.Figures(html);
        Assert.True(figures.Count >= 5, $"{figures.Count} charts");
        foreach (var (caption, svg) in figures)
        {
            Assert.True(SvgCharts.YTicks(svg) >= 3, caption);
            SvgCharts.AssertNoOverlap(caption, svg);
        }

        Assert.Equal(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], SvgCharts.AxisLabels(figures.Single(f => f.Caption.StartsWith("weekday", StringComparison.Ordinal)).Svg).Select(l => l.Text));
        string[] hours = [.. SvgCharts.AxisLabels(figures.Single(f => f.Caption.StartsWith("hour_of_day", StringComparison.Ordinal)).Svg).Select(l => l.Text)];
        Assert.Equal(hours.Order(StringComparer.Ordinal), hours);
        Assert.Contains("<b>Holdout: </b>unknown: pass --scenario", html, StringComparison.Ordinal);
        JsonElement json = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(report, ".json"))).RootElement.Clone();
        JsonElement weekday = json.GetProperty("report").GetProperty("fidelity").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "weekday");
        Assert.Equal(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], weekday.GetProperty("real").EnumerateObject().Select(p => p.Name));
        return (stdout, json);
    }

    [Fact]
    public void The_real_log_as_its_own_twin_is_perfectly_faithful_and_entirely_copied()
    {
        var (stdout, json) = Evaluate(Path.Combine(MovieLens, "ratings.csv"), "self");
        Assert.Equal(1.0, json.GetProperty("fidelity_overall").GetDouble(), 9);
        JsonElement privacy = json.GetProperty("report").GetProperty("privacy");
        Assert.Equal(1.0, privacy.GetProperty("copied_share").GetDouble());
        Assert.Equal(0.0, privacy.GetProperty("median_synthetic_dcr").GetDouble());

        // Trained on every real user, the models have seen the test users' held-out items: at least the real score.
        foreach (JsonElement u in json.GetProperty("report").GetProperty("utility").EnumerateArray())
        {
            Assert.True(u.GetProperty("synthetic_ndcg").GetDouble() >= u.GetProperty("real_ndcg").GetDouble(), u.GetProperty("model").GetString());
        }

        // On real train users, the models order as the literature has them on MovieLens: EASE > item-kNN > most popular.
        var real = json.GetProperty("report").GetProperty("utility").EnumerateArray().ToDictionary(u => u.GetProperty("model").GetString()!, u => u.GetProperty("real_ndcg").GetDouble());
        Assert.True(real["ease"] > real["item_knn"] && real["item_knn"] > real["most_popular"], string.Join(", ", real));
        Assert.Contains("same model order: yes", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_log_of_single_event_users_says_utility_is_not_measured_and_gives_the_logs_own_copy_rate()
    {
        // Each MovieLens user's first rating only: no held-out user has a history to split, and unseen real users repeat
        // train users' one-item histories. The log against itself: every NDCG is 0 by construction, not a tie to report
        // as agreement, and copies are measured against the rate the log itself has.
        string single = Path.Combine(_root, "single.csv");
        File.WriteAllLines(single, File.ReadLines(Path.Combine(MovieLens, "ratings.csv")).Skip(1).GroupBy(l => l.Split(',')[0]).Select(g => g.First()).Prepend("userId,movieId,rating,timestamp"));
        string report = Path.Combine(_root, "single.html");
        var (code, stdout, error) = Cli.Run("evaluate", "--real", single, "--synthetic", single, "--report", report);
        Assert.True(code == 0, error);
        Assert.Contains("not measured: no held-out real user has two or more events to split", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("same model order: yes", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", stdout, StringComparison.Ordinal);
        JsonElement json = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(report, ".json"))).RootElement;
        Assert.False(json.GetProperty("same_model_order").GetBoolean());
        Assert.False(json.GetProperty("report").GetProperty("utility_measured").GetBoolean());
        double testCopies = json.GetProperty("report").GetProperty("privacy").GetProperty("test_copied_share").GetDouble();
        Assert.InRange(testCopies, 0.05, 1.0);
        Assert.Contains($"(real test users repeat a train user's history: {testCopies.ToString("P2", CultureInfo.InvariantCulture)})", stdout, StringComparison.Ordinal);
        string html = File.ReadAllText(report);
        Assert.Contains("Not measured: no held-out real user has two or more events to split.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_twin_with_random_items_is_unfaithful_useless_and_far_from_every_real_user()
    {
        // Same users, times and ratings; every movie replaced by a uniformly random one of the catalogue.
        string[] lines = File.ReadAllLines(Path.Combine(MovieLens, "ratings.csv"));
        string[] movies = [.. lines.Skip(1).Select(l => l.Split(',')[1]).Distinct()];
        var random = new Random(5);
        var scrambled = new StringBuilder(lines[0]).Append('\n');
        foreach (string line in lines.Skip(1))
        {
            string[] f = line.Split(',');
            scrambled.Append(CultureInfo.InvariantCulture, $"{f[0]},{movies[random.Next(movies.Length)]},{f[2]},{f[3]}\n");
        }

        string path = Path.Combine(_root, "scrambled.csv");
        File.WriteAllText(path, scrambled.ToString());
        var (_, json) = Evaluate(path, "scrambled");
        JsonElement report = json.GetProperty("report");
        double popularity = report.GetProperty("fidelity").EnumerateArray().First(f => f.GetProperty("name").GetString() == "popularity_per_item").GetProperty("score").GetDouble();
        Assert.True(popularity < 0.7, $"popularity KS complement {popularity:F3}");
        foreach (JsonElement u in report.GetProperty("utility").EnumerateArray().Where(u => u.GetProperty("model").GetString() != "most_popular"))
        {
            Assert.True(u.GetProperty("ndcg_ratio").GetDouble() < 0.3, u.GetProperty("model").GetString());
        }

        JsonElement privacy = report.GetProperty("privacy");
        Assert.Equal(0.0, privacy.GetProperty("copied_share").GetDouble());
        Assert.True(privacy.GetProperty("dcr_ratio").GetDouble() >= 1.0);
        Assert.InRange(privacy.GetProperty("membership_auc").GetDouble(), 0.4, 0.6);
    }

    [Fact]
    public void A_missing_column_is_a_one_line_error_naming_the_file()
    {
        var (code, _, error) = Cli.Run("evaluate", "--real", Path.Combine(MovieLens, "ratings.csv"), "--synthetic", Path.Combine(MovieLens, "ratings.csv"), "--user", "uid",
            "--report", Path.Combine(_root, "x.html"));
        Assert.Equal(2, code);
        Assert.Contains("ratings.csv: no column 'uid'", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
