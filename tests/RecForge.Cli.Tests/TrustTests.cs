using System.Globalization;
using System.Text.RegularExpressions;
using RecForge.Output;

namespace RecForge.Cli.Tests;

/// <summary>Issue 16: no wrong data at scale, no clashing runs, validate finds its scenario, no path outside a dataset.</summary>
public sealed partial class TrustTests(ITestOutputHelper output) : IDisposable
{
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime End = Start.AddDays(366);
    private readonly string _root = Cli.TempDirectory();

    [Fact]
    public void Ten_million_media_interactions_stay_inside_the_event_period()
    {
        // Given 10M interactions of 2,000 viewers: the heaviest have ~90,000 rows, more than a year of back-to-back
        // sessions at their gaps (the old engine ran them past the window, into later years)
        string dir = Path.Combine(_root, "media");
        var (code, _, error) = Cli.Run("generate", "media", "--out", dir, "--tables", "interactions", "--interactions", "10000000");
        Assert.True(code == 0, error);

        // Then every timestamp lies in the period's local days, give or take the 14 h that time zones shift UTC
        DateTime[] times = new ParquetTable(Path.Combine(dir, "interactions")).Column<DateTime>("timestamp");
        Assert.Equal(10_000_000, times.Length);
        AssertInside(times, Start.AddHours(-14), End.AddHours(14));
    }

    [Fact]
    public void Ten_million_ratings_with_repeats_allowed_stay_inside_the_event_period()
    {
        // Given ecommerce (no time zones) at 10M rows over 500 shoppers, repeats allowed so the load per user is
        // extreme (the issue's case: 1M rows already wrote 87,940 timestamps after the window)
        string dir = Path.Combine(_root, "ecommerce");
        var (code, _, error) = Cli.Run("generate", "ecommerce", "--out", dir, "--format", "parquet", "--tables", "interactions",
            "--interactions", "10000000", "--set", "events.distinct_items=false");
        Assert.True(code == 0, error);

        // Then every timestamp is inside [start, start + 366 days) exactly
        DateTime[] times = new ParquetTable(Path.Combine(dir, "interactions")).Column<DateTime>("timestamp");
        Assert.Equal(10_000_000, times.Length);
        AssertInside(times, Start, End);
    }

    [Fact]
    public void Music_plays_at_two_million_stay_inside_the_period()
    {
        string dir = Path.Combine(_root, "music");
        var (code, _, error) = Cli.Run("generate", "music", "--out", dir, "--tables", "sessions", "--interactions", "2000000");
        Assert.True(code == 0, error);
        AssertInside(new ParquetTable(Path.Combine(dir, "sessions")).Column<DateTime>("timestamp"), Start, End);
    }

    [Fact]
    public void Ratings_are_one_per_user_and_item_by_default_and_impossible_counts_are_refused()
    {
        // Given the default ecommerce dataset (it had 7,283 repeated pairs, one shopper rating one product 324 times)
        string dir = Path.Combine(_root, "ratings");
        var (code, _, error) = Cli.Run("generate", "ecommerce", "--out", dir, "--tables", "interactions");
        Assert.True(code == 0, error);
        string[] lines = File.ReadAllLines(Directory.GetFiles(Path.Combine(dir, "interactions"), "*.csv").Single());
        var pairs = lines.Skip(1).Select(l => string.Join(',', l.Split(',').Take(2))).ToList();

        // Then no (user, item) pair repeats
        Assert.Equal(50_000, pairs.Count);
        Assert.Equal(pairs.Count, pairs.Distinct(StringComparer.Ordinal).Count());

        // And more ratings than users × items is a one-line error, exit 2, with nothing written
        var refused = Cli.Run("generate", "ecommerce", "--out", Path.Combine(_root, "too-many"), "--users", "10", "--items", "10", "--interactions", "101");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("is more than users × items (10 × 10)", refused.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "too-many")));
    }

    [Theory]
    [InlineData("price / 0", "infinite")]
    [InlineData("log(0 - price)", "NaN")]
    [InlineData("'abc' * 2", "NaN")]
    public void Values_that_are_not_finite_stop_the_run_naming_the_attribute_and_entity(string expression, string what)
    {
        // Given a scenario whose expression yields Infinity or NaN (it used to be written into every row)
        string scenario = Path.Combine(_root, "nonfinite.yaml");
        File.WriteAllText(scenario, Shop.Replace("premium: { expression: \"if(price > 40, 'yes', 'no')\" }", $"ratio: {{ expression: \"{expression}\" }}", StringComparison.Ordinal));
        string dir = Path.Combine(_root, "nonfinite");

        // Then generate refuses with one line naming the attribute and the first entity, exit 2, and no data file
        var (code, _, error) = Cli.Run("generate", scenario, "--out", dir);
        Assert.Equal(2, code);
        Assert.Matches($@"^error: shop: items\.attributes\.ratio is {what} for item item_\d+ \(index \d+\)", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Empty(Directory.Exists(dir) ? Directory.GetFiles(dir, "part-*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public void Ten_thousand_titles_have_no_doubled_articles_or_article_plural_clashes()
    {
        string dir = Path.Combine(_root, "titles");
        var (code, _, error) = Cli.Run("generate", "media", "--out", dir, "--tables", "media", "--format", "jsonl", "--embedding-type", "none");
        Assert.True(code == 0, error);
        var titles = Directory.GetFiles(Path.Combine(dir, "media"), "*.jsonl", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines)
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("title").GetString()!)
            .ToList();
        Assert.Equal(10_000, titles.Count);

        // "Reunion of the Tender the Office": two articles with at most one word between them
        Assert.DoesNotContain(titles, t => DoubledArticle().IsMatch(t));

        // "A Roommates": an indefinite article before a plural (-s, but not -ss, -us, -is); "A Adventure": a/an
        Assert.DoesNotContain(titles, t => IndefinitePlural().Matches(t).Any(m => !Regex.IsMatch(m.Groups[1].Value, "(ss|us|is)$", RegexOptions.IgnoreCase)));
        Assert.DoesNotContain(titles, t => Regex.IsMatch(t, @"\bA [AEIOU]", RegexOptions.None) || Regex.IsMatch(t, @"\bAn [^AEIOUaeiou]", RegexOptions.None));
        output.WriteLine(string.Join(" | ", titles.Take(12)));
    }

    [Fact]
    public void A_second_writer_of_one_folder_is_refused_naming_the_process_and_a_dead_ones_lock_is_taken_over()
    {
        // Given a run writing the folder in another process
        string dir = Path.Combine(_root, "locked");
        using var first = ChildProcess.Start("generate", "media", "--out", dir, "--users", "20000", "--interactions", "3000000", "--threads", "1");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(Path.Combine(dir, ".recforge.owner")) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50);
        }

        // When a second run targets the same folder, it is refused in one line naming the folder and the process
        var (code, _, error) = Cli.Run("generate", "media", "--out", dir);
        output.WriteLine(error);
        Assert.Equal(2, code);
        Assert.Contains($"{dir}: another RecForge run is writing this folder (process {first.Id}", error, StringComparison.Ordinal);

        // And the first finishes with a complete manifest (no file listed as a few bytes)
        first.WaitForExit();
        Assert.Equal(0, first.ExitCode);
        var (_, report, _) = Cli.Run("validate", dir);
        Assert.Contains("pass  manifest.files", report, StringComparison.Ordinal);

        // Given a lock left by a process that died (the kernel released it; the owner file still names it)
        string stale = Path.Combine(_root, "stale");
        Directory.CreateDirectory(stale);
        File.WriteAllText(Path.Combine(stale, ".recforge.lock"), "");
        File.WriteAllText(Path.Combine(stale, ".recforge.owner"), "999999 2026-01-01T00:00:00Z\n");

        // Then the next run takes it over
        var taken = Cli.Run("generate", "ecommerce", "--out", stale, "--tables", "users");
        Assert.True(taken.ExitCode == 0, taken.Error);
    }

    [Fact]
    public void Validate_reads_a_dataset_without_embeddings_and_finds_the_yaml_scenario_it_came_from()
    {
        // Given a media dataset generated without embeddings
        string none = Path.Combine(_root, "none");
        Assert.Equal(0, Cli.Run("generate", "media", "--out", none, "--embedding-type", "none", "--items", "2000", "--interactions", "20000").ExitCode);

        // Then its schema check passes (it failed with "missing embedding")
        var (_, report, _) = Cli.Run("validate", none);
        Assert.Contains("pass  schema.media", report, StringComparison.Ordinal);

        // Given a dataset generated from a YAML file with an override, validated without --scenario
        string scenario = Path.Combine(_root, "shop.yaml");
        File.WriteAllText(scenario, Shop);
        string shop = Path.Combine(_root, "shop");
        Assert.Equal(0, Cli.Run("generate", scenario, "--out", shop, "--users", "150").ExitCode);
        Manifest manifest = Manifest.Load(shop);
        Assert.Equal("../shop.yaml", manifest.ScenarioFile);
        Assert.Equal(["users.count=150"], manifest.ScenarioOverrides);
        var found = Cli.Run("validate", shop);
        Assert.Matches(@"keys\.users\s+150 rows", found.Out);
        Assert.DoesNotContain("error", found.Error, StringComparison.Ordinal);

        // When the file changes, validate says so instead of checking against the wrong targets
        File.AppendAllText(scenario, "\n# edited\n");
        var changed = Cli.Run("validate", shop);
        Assert.Equal(2, changed.ExitCode);
        Assert.Contains("changed since the dataset was generated", changed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_path_outside_the_dataset_folder_is_refused()
    {
        string dir = Path.Combine(_root, "traversal");
        Assert.Equal(0, Cli.Run("generate", "ecommerce", "--out", dir, "--items", "200").ExitCode);
        string path = Path.Combine(dir, Manifest.FileName);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"interactions/part-00000.csv\"", "\"../../../../etc/passwd\"", StringComparison.Ordinal));
        foreach (string[] command in new[] { new[] { "validate", dir }, ["load", "postgres", dir, "--connection", "Host=127.0.0.1;Port=1"], ["export", "milvus", dir, "--out", Path.Combine(_root, "milvus")] })
        {
            var (code, _, error) = Cli.Run(command);
            Assert.True(code == 2, $"{command[0]}: {code} {error}");
            Assert.Contains("lists a file outside the dataset folder (../../../../etc/passwd)", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Inputs_that_crashed_are_one_line_errors()
    {
        // An empty Dirichlet, YAML nested 50,000 levels, an expression nested 50,000 levels, a 1 MB field
        string Scenario(string name, string text)
        {
            string path = Path.Combine(_root, name);
            File.WriteAllText(path, text);
            return path;
        }

        (string File, string Expected)[] scenarios =
        [
            (Scenario("dirichlet.yaml", Shop.Replace("popularity: { world: popularity }", "popularity: { world: popularity }\n    mix: { dirichlet: { alpha: [] } }", StringComparison.Ordinal)), "alpha: expected 1 to 65,536 concentrations, got 0"),
            (Scenario("deep.yaml", "name: deep\nworld: " + new string('[', 50_000) + new string(']', 50_000) + "\n"), "nested more than 64 levels deep"),
            (Scenario("deep-expression.yaml", Shop.Replace("if(price > 40, 'yes', 'no')", new string('(', 50_000) + "1" + new string(')', 50_000), StringComparison.Ordinal)), "nested more than 200 levels deep"),
            (Scenario("long.yaml", Shop.Replace("name: shop", "name: shop\nbogus: " + new string('x', 1_000_000), StringComparison.Ordinal)), "bogus"),
        ];
        foreach (var (file, expected) in scenarios)
        {
            var (code, _, error) = Cli.Run("generate", file, "--out", Path.Combine(_root, "crash"));
            Assert.True(code == 2, $"{file}: {code} {error}");
            Assert.Contains(expected, error, StringComparison.Ordinal);
            Assert.Single(error.TrimEnd().Split('\n'));
            Assert.InRange(error.TrimEnd().Length, 10, 299);
        }

        // Counts past what can be planned are refused at once, with the limit
        var huge = Cli.Run("generate", "ecommerce", "--items", "1000000000000000", "--out", Path.Combine(_root, "huge"), "--dry-run");
        Assert.Equal(2, huge.ExitCode);
        Assert.Contains("items.count (1,000,000,000,000,000) is more than RecForge can plan (2,147,483,646 at most)", huge.Error, StringComparison.Ordinal);

        // _manifest.json as a directory: generate and validate say so in one line
        string dir = Path.Combine(_root, "manifest-dir");
        Directory.CreateDirectory(Path.Combine(dir, Manifest.FileName));
        var generate = Cli.Run("generate", "ecommerce", "--out", dir, "--items", "200");
        Assert.Equal(2, generate.ExitCode);
        Assert.Contains("cannot write output", generate.Error, StringComparison.Ordinal);
        Assert.Equal(2, Cli.Run("validate", dir).ExitCode);

        // Parquet files with damaged pages: validate and load name the file instead of throwing
        string damaged = Path.Combine(_root, "damaged");
        Assert.Equal(0, Cli.Run("generate", "media", "--out", damaged, "--items", "300", "--users", "50", "--interactions", "3000").ExitCode);
        string events = Directory.GetFiles(Path.Combine(damaged, "interactions"), "*.parquet").Single();
        byte[] bytes = File.ReadAllBytes(events);
        for (int i = 200; i < bytes.Length / 2; i += 7)
        {
            bytes[i] ^= 0x5A;
        }

        File.WriteAllBytes(events, bytes);
        var validate = Cli.Run("validate", damaged);
        Assert.True(validate.ExitCode is 1 or 2, validate.Error);
        Assert.DoesNotContain("   at ", validate.Out + validate.Error, StringComparison.Ordinal);
        Assert.Contains("part-00000.parquet", validate.Out + validate.Error, StringComparison.Ordinal);
        var load = Cli.Run("load", "postgres", damaged, "--connection", "Host=127.0.0.1;Port=1;Timeout=1");
        Assert.True(load.ExitCode is 1 or 2, load.Error);
        Assert.Single(load.Error.TrimEnd().Split('\n'));
    }

    private static void AssertInside(DateTime[] times, DateTime from, DateTime to)
    {
        DateTime min = DateTime.MaxValue, max = DateTime.MinValue;
        foreach (DateTime t in times)
        {
            min = t < min ? t : min;
            max = t > max ? t : max;
        }

        Assert.True(min >= from && max < to, string.Create(CultureInfo.InvariantCulture, $"timestamps {min:O} .. {max:O}, window {from:O} .. {to:O}"));
    }

    // The README's "Writing a scenario" example.
    internal const string Shop = """
        name: shop
        seed: 7
        world:
          latent_dimensions: 16
          popularity: { exponent: 1.1 }
          taste_clusters:
            gadgets: { weight: 0.6, likes: { category: [Electronics] } }
            readers: { weight: 0.4, likes: { category: [Books] } }
        items:
          count: 1000
          id: { column: item_id, format: "item_{n}" }
          attributes:
            category: { latent_weight: 1, categorical: { Electronics: 0.5, Books: 0.5 } }
            price: { lognormal: { mu: 3, sigma: 0.6 }, round: 2 }
            premium: { expression: "if(price > 40, 'yes', 'no')" }
            popularity: { world: popularity }
        users:
          count: 200
          id: { column: user_id, format: "user_{n}" }
          attributes:
            age: { normal: { mean: 35, sd: 10 }, clamp: [18, 90], integer: true }
        events:
          count: 5000
          choice: { preference: 0.6, popularity: 0.3, exploration: 0.1 }
        """;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [GeneratedRegex(@"\b(the|a|an)\b(\s+\S+)?\s+\b(the|a|an)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DoubledArticle();

    [GeneratedRegex(@"\b(?:a|an)\s+(\w+s)\b", RegexOptions.IgnoreCase)]
    private static partial Regex IndefinitePlural();
}
