using System.Globalization;
using RecForge.Scenarios;

namespace RecForge.Cli.Tests.Evaluation;

/// <summary>Issue 8 (fit, marginals only): MovieLens latest-small → a scenario → a twin.</summary>
public sealed class FitCommandTests : IDisposable
{
    private readonly string _root = Cli.TempDirectory();

    [Fact]
    public void Fit_writes_a_scenario_with_the_logs_sizes_and_rating_histogram_and_the_twin_generates_and_evaluates()
    {
        string ratings = Path.Combine(MovieLensData.Directory, "ratings.csv"), yaml = Path.Combine(_root, "movielens.yaml");
        var (code, stdout, error) = Cli.Run("fit", ratings, "--items", Path.Combine(MovieLensData.Directory, "movies.csv"), "--synthetic-items", "--out", yaml);
        Assert.True(code == 0, error);
        Assert.Contains("610 users, 9,724 items, 100,836 events", stdout, StringComparison.Ordinal);

        ScenarioDefinition scenario = ScenarioLoader.LoadFile(yaml);
        Assert.Equal((610L, 9_724L, 100_836L), (scenario.Users.Count, scenario.Items.Count, scenario.Events.Count));

        // The histogram is the log's: 26,818 of 100,836 ratings are 4.0 (counted from the file here).
        string[] lines = File.ReadAllLines(ratings);
        double fours = lines.Skip(1).Count(l => l.Split(',')[2] == "4.0") / (double)(lines.Length - 1);
        RatingDefinition rating = scenario.Events.Rating!;
        Assert.Equal(fours, rating.BySource[0][Array.IndexOf(rating.Values, 4.0)], 4);
        // Item genres are each rated movie's first listed genre.
        var rated = lines.Skip(1).Select(l => l.Split(',')[1]).ToHashSet();
        var firstGenres = RecForge.Cli.Commands.CsvRecords.Read(Path.Combine(MovieLensData.Directory, "movies.csv")).Skip(1)
            .Where(m => rated.Contains(m[0])).Select(m => m[2].Split('|')[0]).ToHashSet();
        Assert.Equal(firstGenres.Order(), ((CategoryAttribute)scenario.Items.Find("genre")!).Categories.Select(c => c.Value).Order());

        // A smaller twin generates from it, and evaluate reads it back through the same file.
        string twin = Path.Combine(_root, "twin");
        (code, _, error) = Cli.Run("generate", yaml, "--out", twin, "--users", "200", "--interactions", "30000");
        Assert.True(code == 0, error);
        (code, stdout, error) = Cli.Run("evaluate", "--real", ratings, "--synthetic", twin, "--scenario", yaml, "--report", Path.Combine(_root, "eval.html"));
        Assert.True(code == 0, error);
        double ratingFidelity = double.Parse(stdout.Split('\n').First(l => l.TrimStart().StartsWith("rating ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1], CultureInfo.InvariantCulture);
        Assert.True(ratingFidelity > 0.98, $"rating TV complement {ratingFidelity}");
    }

    [Fact]
    public void Without_synthetic_items_fit_says_what_is_missing()
    {
        var (code, _, error) = Cli.Run("fit", Path.Combine(MovieLensData.Directory, "ratings.csv"), "--out", Path.Combine(_root, "x.yaml"));
        Assert.Equal(2, code);
        Assert.Contains("pass --synthetic-items", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_root, "x.yaml")));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
