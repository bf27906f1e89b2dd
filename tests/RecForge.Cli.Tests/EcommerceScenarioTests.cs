using System.Globalization;
using System.Text.Json;
using RecForge.Text;

namespace RecForge.Cli.Tests;

/// <summary>Issue 3: the `ecommerce` scenario at its default size (500 users, 10,000 items, 50,000 ratings), seed 42.</summary>
public sealed class EcommerceScenarioTests : IDisposable
{
    // DESIGN.md's overall rating histogram.
    private static readonly Dictionary<double, double> TargetRatings = new()
    {
        [5.0] = 0.15,
        [4.5] = 0.18,
        [4.0] = 0.21,
        [3.5] = 0.13,
        [3.0] = 0.12,
        [2.5] = 0.06,
        [2.0] = 0.055,
        [1.5] = 0.045,
        [1.0] = 0.05,
    };

    private static readonly Dictionary<string, string> Preferred = new()
    {
        ["Tech Enthusiasts"] = "Electronics",
        ["Fashion Lovers"] = "Fashion",
        ["Home Makers"] = "Home",
        ["Sports Fans"] = "Sports",
        ["Bookworms"] = "Books",
    };

    private readonly string _root = Cli.TempDirectory();

    private (string Dir, string Out) Generate(string name, params string[] extra)
    {
        string dir = Path.Combine(_root, name);
        var (code, stdout, error) = Cli.Run(["generate", "ecommerce", "--out", dir, .. extra]);
        Assert.True(code == 0, error);
        return (dir, stdout);
    }

    private static List<Dictionary<string, string>> Csv(string dir, string table)
    {
        List<string[]> records = CsvRecords.Read(Path.Combine(dir, table, "part-00000.csv"));
        return [.. records.Skip(1).Select(r => records[0].Zip(r).ToDictionary(p => p.First, p => p.Second))];
    }

    [Fact]
    public void The_csv_is_exactly_user_item_rating_timestamp_with_half_star_ratings_and_utc_times()
    {
        var (dir, _) = Generate("csv");
        string[] lines = File.ReadAllLines(Path.Combine(dir, "interactions", "part-00000.csv"));
        Assert.Equal("user_id,item_id,rating,timestamp", lines[0]);
        Assert.Equal(50_001, lines.Length);
        Assert.Matches(@"^user_\d+,item_\d+,[1-5]\.[05],2024-\d\d-\d\dT\d\d:\d\d:\d\dZ$", lines[1]);
        Assert.All(Csv(dir, "interactions"), r =>
        {
            double rating = double.Parse(r["rating"], CultureInfo.InvariantCulture);
            Assert.InRange(rating, 1.0, 5.0);
            Assert.Equal(0, rating * 2 % 1);
            Assert.EndsWith("Z", r["timestamp"], StringComparison.Ordinal);
        });
        Assert.Equal(["user_id", "cluster", "age", "country"], File.ReadLines(Path.Combine(dir, "users", "part-00000.csv")).First().Split(','));
        Assert.Equal(["item_id", "category", "name", "price", "popularity"], File.ReadLines(Path.Combine(dir, "items", "part-00000.csv")).First().Split(','));
    }

    [Fact]
    public void Shares_concentration_and_the_rating_histogram_match_the_design()
    {
        var (dir, _) = Generate("shares");
        var users = Csv(dir, "users");
        var items = Csv(dir, "items");
        var events = Csv(dir, "interactions");

        // Categories and segments are stratified, so their counts are exact (to one entity).
        Assert.All(items.GroupBy(i => i["category"]), g => Assert.InRange(g.Count(), 1999, 2001));
        Assert.Equal(5, items.Select(i => i["category"]).Distinct().Count());
        Assert.All(users.GroupBy(u => u["cluster"]), g => Assert.InRange(g.Count(), g.Key == "General Users" ? 124 : 74, g.Key == "General Users" ? 126 : 76));

        // 20% of users make ~80% of ratings; the top 10% of items take ~30%. Over seeds 1–5 the user share ranged
        // 77.2–85.0% (it hangs on the few largest of 500 lognormal draws) and the item share 28.0–29.5% (26.2% at seed
        // 42 since ratings are one per user–item pair over 10,000 products), so the
        // tolerances are ± 8 and ± 5 points: wide enough for any seed, narrow enough to catch a broken mechanism
        // (uniform activity gives 20%, uniform picks 10%).
        double topUsers = TopShare(events.GroupBy(e => e["user_id"]).Select(g => g.Count()), 0.2, users.Count);
        double topItems = TopShare(events.GroupBy(e => e["item_id"]).Select(g => g.Count()), 0.1, items.Count);
        Assert.InRange(topUsers, 0.72, 0.88);
        Assert.InRange(topItems, 0.25, 0.35);

        // The histogram of 50,000 half-star ratings is within total-variation distance 0.03 of DESIGN's; sampling
        // noise alone gives about 0.008 (9 cells, √(p(1−p)/n) each).
        var counts = events.GroupBy(e => double.Parse(e["rating"], CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.Count() / (double)events.Count);
        double tvd = TargetRatings.Keys.Union(counts.Keys).Sum(v => Math.Abs(counts.GetValueOrDefault(v) - TargetRatings.GetValueOrDefault(v))) / 2;
        Assert.True(tvd <= 0.03, $"TVD {tvd:F4}");
    }

    [Fact]
    public void Picks_follow_the_60_30_10_mix_and_ratings_depend_on_why_an_item_was_picked()
    {
        // The ground-truth source column is opt-in, so the default CSV stays exactly four columns.
        var (dir, _) = Generate("source", "--set", "events.columns.source=source");
        var users = Csv(dir, "users").ToDictionary(u => u["user_id"], u => u["cluster"]);
        var items = Csv(dir, "items").ToDictionary(i => i["item_id"], i => i["category"]);
        var events = Csv(dir, "interactions");
        var bySource = events.GroupBy(e => e["source"]).ToDictionary(g => g.Key, g => g.ToList());

        // 50,000 picks: a share's standard deviation is ≤ 0.0022, so ± 0.01 is 4.5 sigma.
        Assert.InRange(bySource["preference"].Count / (double)events.Count, 0.59, 0.61);
        Assert.InRange(bySource["popularity"].Count / (double)events.Count, 0.29, 0.31);
        Assert.InRange(bySource["exploration"].Count / (double)events.Count, 0.09, 0.11);

        // A preference pick of a shopper with a segment is an item of the segment's category (affinity is ~1 there and
        // ~0 elsewhere); other picks land in it about one time in five.
        double InCategory(string source)
        {
            var picks = bySource[source].Where(e => Preferred.ContainsKey(users[e["user_id"]])).ToList();
            return picks.Count(e => items[e["item_id"]] == Preferred[users[e["user_id"]]]) / (double)picks.Count;
        }

        Assert.True(InCategory("preference") > 0.95, $"preference picks in the preferred category: {InCategory("preference"):P1}");
        Assert.InRange(InCategory("popularity"), 0.12, 0.30);

        // Ratings by source: most of each source's ratings in its DESIGN range (the ranges cannot all hold strictly
        // and still give DESIGN's overall histogram; see scenarios/ecommerce.yaml), and the means in that order.
        double InRange(string source, double lo) => bySource[source].Count(e => double.Parse(e["rating"], CultureInfo.InvariantCulture) >= lo) / (double)bySource[source].Count;
        double Mean(string source) => bySource[source].Average(e => double.Parse(e["rating"], CultureInfo.InvariantCulture));
        Assert.InRange(InRange("preference", 4.0), 0.80, 0.87);   // configured 83.3%
        Assert.InRange(InRange("popularity", 3.0), 0.69, 0.78);   // configured 73.3%
        Assert.True(Mean("preference") > Mean("popularity") + 0.8 && Mean("popularity") > Mean("exploration") + 0.5,
            $"means {Mean("preference"):F2} / {Mean("popularity"):F2} / {Mean("exploration"):F2}");
    }

    [Fact]
    public void Generate_prints_the_statistics_block_computed_from_the_written_rows()
    {
        var (dir, stdout) = Generate("stats");
        var events = Csv(dir, "interactions");
        var perUser = events.GroupBy(e => e["user_id"]).Select(g => g.Count()).ToList();
        double average = events.Average(e => double.Parse(e["rating"], CultureInfo.InvariantCulture));
        var c = CultureInfo.InvariantCulture;
        Assert.Contains("interactions                50,000", stdout, StringComparison.Ordinal);
        Assert.Contains(string.Create(c, $"active users          {perUser.Count,12:N0}  of 500"), stdout, StringComparison.Ordinal);
        Assert.Contains(string.Create(c, $"active items          {events.Select(e => e["item_id"]).Distinct().Count(),12:N0}  of 10,000"), stdout, StringComparison.Ordinal);
        Assert.Contains(string.Create(c, $"interactions per user  avg {perUser.Average():N1}, min {perUser.Min():N0}, max {perUser.Max():N0}"), stdout, StringComparison.Ordinal);
        Assert.Contains(string.Create(c, $"average rating        {average,12:F3}"), stdout, StringComparison.Ordinal);
        foreach (var g in events.GroupBy(e => e["rating"]))
        {
            Assert.Contains(string.Create(c, $"{double.Parse(g.Key, c),4:0.0}  {g.Count(),10:N0}  {100.0 * g.Count() / events.Count,5:F1}%"), stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_json_document_has_metadata_every_interaction_and_statistics_that_agree_with_them()
    {
        var (dir, _) = Generate("json", "--format", "json");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "interactions", "part-00000.json")));
        JsonElement root = doc.RootElement;
        Assert.Equal(["metadata", "interactions", "statistics"], root.EnumerateObject().Select(p => p.Name));
        JsonElement metadata = root.GetProperty("metadata");
        Assert.Equal(500, metadata.GetProperty("num_users").GetInt32());
        Assert.Equal(10000, metadata.GetProperty("num_items").GetInt32());
        Assert.Equal(50_000, metadata.GetProperty("num_interactions").GetInt32());
        Assert.Equal("2025-01-01T00:00:00Z", metadata.GetProperty("generated_at").GetString());

        var rows = root.GetProperty("interactions").EnumerateArray().ToList();
        Assert.Equal(50_000, rows.Count);
        Assert.All(rows.Take(100), r => Assert.Equal(["user_id", "item_id", "rating", "timestamp"], r.EnumerateObject().Select(p => p.Name)));
        JsonElement stats = root.GetProperty("statistics");
        Assert.Equal(50_000, stats.GetProperty("total_interactions").GetInt32());
        Assert.Equal(rows.Select(r => r.GetProperty("user_id").GetString()).Distinct().Count(), stats.GetProperty("unique_users").GetInt32());
        Assert.Equal(rows.Select(r => r.GetProperty("item_id").GetString()).Distinct().Count(), stats.GetProperty("unique_items").GetInt32());
        Assert.Equal(Math.Round(rows.Average(r => r.GetProperty("rating").GetDouble()), 4), stats.GetProperty("average_rating").GetDouble(), 4);
        var perUser = rows.GroupBy(r => r.GetProperty("user_id").GetString()).Select(g => g.Count()).ToList();
        Assert.Equal(perUser.Max(), stats.GetProperty("interactions_per_user").GetProperty("max").GetInt32());
        Assert.Equal(perUser.Min(), stats.GetProperty("interactions_per_user").GetProperty("min").GetInt32());
        int fives = rows.Count(r => r.GetProperty("rating").GetDouble() == 5.0);
        Assert.Equal(fives, stats.GetProperty("rating_distribution").GetProperty("5.0").GetProperty("count").GetInt32());

        // The JSON rows are the CSV rows.
        var (csvDir, _) = Generate("json-vs-csv");
        var csv = Csv(csvDir, "interactions");
        Assert.Equal(csv.Select(r => r["item_id"]), rows.Select(r => r.GetProperty("item_id").GetString()));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    public void One_and_two_threads_write_byte_identical_files(string format)
    {
        // Small partitions so both threads write several files of every table.
        string[] args = ["--format", format, "--set", "output.partition_rows=60"];
        var (one, _) = Generate("t1-" + format, [.. args, "--threads", "1"]);
        var (two, _) = Generate("t2-" + format, [.. args, "--threads", "2"]);
        var files = Directory.GetFiles(one, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(one, f)).Order().ToList();
        Assert.True(files.Count(f => f.StartsWith("interactions", StringComparison.Ordinal)) > 3, "expected several interaction files");
        Assert.Equal(files, Directory.GetFiles(two, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(two, f)).Order());
        Assert.All(files, f => Assert.True(File.ReadAllBytes(Path.Combine(one, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(two, f))), f));
    }

    [Fact]
    public void Validate_reads_the_csv_dataset_back_and_every_check_passes()
    {
        var (dir, _) = Generate("validate");
        var (code, stdout, error) = Cli.Run("validate", dir);
        Assert.True(code == 0, stdout + error);
        Assert.Contains("pass  ratings.interactions.rating", stdout, StringComparison.Ordinal);
        Assert.Contains("pass  shares.category", stdout, StringComparison.Ordinal);
        Assert.Contains("pass  top_users_20pct_share", stdout, StringComparison.Ordinal);
        Assert.Contains("pass  top_items_10pct_share", stdout, StringComparison.Ordinal);
    }

    private static double TopShare(IEnumerable<int> counts, double fraction, int population)
    {
        var sorted = counts.OrderDescending().ToList();
        return sorted.Take((int)Math.Round(fraction * population)).Sum() / (double)sorted.Sum();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
