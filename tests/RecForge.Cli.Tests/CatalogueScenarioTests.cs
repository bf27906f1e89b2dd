using System.Globalization;
using RecForge.Text;

namespace RecForge.Cli.Tests;

/// <summary>
/// Engine features a fitted twin uses, on hand-made scenarios: items read from a catalogue file (ids, columns,
/// positions, popularity weights), taste clusters with explicit centroids and spreads, exact picks without repeats,
/// the ordinal rating model, drawn gaps, user spans and explicit hour / weekday / year profiles.
/// </summary>
public sealed class CatalogueScenarioTests : IDisposable
{
    private readonly string _root = Cli.TempDirectory();

    // 20 "left" items at (1, 0) with rating bias +1 and 20 "right" items at (−1, 0) with bias −1; weights 1..40, and a
    // column of planted users per 60 users: 3 for the two last (right) items, whose weight is then 0, else 0.
    private string Catalogue(bool planted = false)
    {
        var lines = new List<string> { "movieId,title,genres,weight,bias,position,plant" };
        for (int i = 0; i < 40; i++)
        {
            bool left = i < 20, plant = planted && i >= 38;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{1000 + i},\"Film {i}, The ({1990 + i})\",{(left ? "Comedy|Drama" : "Horror")},{(plant ? 0 : i + 1)},{(left ? 1 : -1)},{(left ? "1 0" : "-1 0")},{(plant ? 3 : 0)}"));
        }

        string path = Path.Combine(_root, "items.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    private string Scenario(string choice, string extra = "", bool planted = false)
    {
        Catalogue(planted);
        string yaml = $$"""
            name: catalogue
            seed: 11
            world:
              latent_dimensions: 2
              user_noise: 0
              affinity: { sharpness: 12, midpoint: 0.5 }
              popularity: { column: weight }
              item_positions: { column: position }
              clusters_per_user: { min: 1, max: 1 }
              taste_clusters:
                lefty: { weight: 0.5, centroid: [1, 0], spread: 0.05 }
                righty: { weight: 0.5, centroid: [-1, 0], spread: [0.05, 0.05] }
            items:
              file: items.csv
              id: { column: movieId, from: movieId }
              attributes:
                title: { column: title }
                genres: { column: genres, split: "|" }
                bias: { column: bias, output: false }
                popularity: { world: popularity }
            users:
              count: 60
              id: { column: userId, format: int64 }
              attributes:
                segment: { world: taste_cluster }
            events:
              table: ratings
              count: 600
              start: 2015-01-01
              days: 1095
              activity: { quantiles: [10, 10] }
              session: { mean_events: 5, gap_seconds: { constant: 7 }, user_span_days: { constant: 0 } }
              choice: {{choice}}
              time_profile: { hours: [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0], weekdays: [1,0,0,0,0,0,0], years: { 2015: 0, 2017: 0 } }
              rating:
                histogram: { 1: 0.5, 5: 0.5 }
                model: { user_bias: { constant: 0 }, item_bias: bias, noise: { constant: 0 }, thresholds: [0] }
              columns: { user: userId, item: movieId, rating: rating, timestamp: timestamp }
            {{extra}}
            output: { format: csv }
            """;
        string path = Path.Combine(_root, "catalogue.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private string Generate(string scenario)
    {
        string dir = Path.Combine(_root, "out-" + Guid.NewGuid().ToString("N"));
        var (code, _, error) = Cli.Run("generate", scenario, "--out", dir);
        Assert.True(code == 0, error);
        return dir;
    }

    private static List<Dictionary<string, string>> Table(string dir, string table)
    {
        List<string[]> records = CsvRecords.Read(Path.Combine(dir, table, "part-00000.csv"));
        return [.. records.Skip(1).Where(r => r.Length > 1).Select(r => records[0].Zip(r).ToDictionary(p => p.First, p => p.Second))];
    }

    [Fact]
    public void Items_come_from_the_file_with_its_ids_columns_lists_and_weights()
    {
        var items = Table(Generate(Scenario("{ preference: 1, popularity: 0, exploration: 0, coherence: 0, preference_popularity_bias: 1, sampler: exact }", "  distinct_items: true")), "items");
        Assert.Equal(40, items.Count);
        Assert.Equal([.. Enumerable.Range(1000, 40).Select(i => i.ToString(CultureInfo.InvariantCulture))], items.Select(i => i["movieId"]));
        Assert.Equal("Film 3, The (1993)", items[3]["title"]);
        Assert.Equal("[\"Comedy\",\"Drama\"]", items[0]["genres"]);
        Assert.Equal("[\"Horror\"]", items[39]["genres"]);
        Assert.False(items[0].ContainsKey("bias"));

        // Popularity is weight / the largest weight.
        Assert.Equal(1.0, double.Parse(items[39]["popularity"], CultureInfo.InvariantCulture), 12);
        Assert.Equal(0.5, double.Parse(items[19]["popularity"], CultureInfo.InvariantCulture), 12);
    }

    [Fact]
    public void Exact_distinct_picks_follow_the_clusters_and_the_rating_model_and_time_profile_hold_exactly()
    {
        string scenario = Scenario("{ preference: 1, popularity: 0, exploration: 0, coherence: 0, preference_popularity_bias: 1, sampler: exact }", "  distinct_items: true");
        string dir = Generate(scenario);
        var users = Table(dir, "users").ToDictionary(u => u["userId"], u => u["segment"]);
        var ratings = Table(dir, "ratings");
        Assert.Equal(600, ratings.Count);

        // Each user rates 10 distinct items.
        Assert.All(ratings.GroupBy(r => r["userId"]), g => Assert.Equal(10, g.Select(r => r["movieId"]).Distinct().Count()));

        // Affinity at cos = 1 is 1/(1 + e^−6) ≈ 0.998, at cos = −1 it is e^−18: users pick their own side.
        double own = ratings.Count(r => (users[r["userId"]] == "lefty") == (int.Parse(r["movieId"], CultureInfo.InvariantCulture) < 1020)) / (double)ratings.Count;
        Assert.True(own > 0.99, $"share of picks on the user's side: {own:P1}");

        // z = item bias (±1) with no noise, threshold 0: left items are rated 5, right items 1.
        Assert.All(ratings, r => Assert.Equal(int.Parse(r["movieId"], CultureInfo.InvariantCulture) < 1020 ? "5.0" : "1.0", r["rating"]));

        // Hours, weekdays and years: only 20:00 on Mondays of 2016; a user's sessions on one day (span 0); gaps of 7 s.
        var times = ratings.Select(r => (User: r["userId"], Time: DateTime.Parse(r["timestamp"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal))).ToList();
        Assert.All(times, t => Assert.Equal((20, DayOfWeek.Monday, 2016), (t.Time.Hour, t.Time.DayOfWeek, t.Time.Year)));
        Assert.All(times.GroupBy(t => t.User), g => Assert.Single(g.Select(t => t.Time.Date).Distinct()));
        int sevens = 0, pairs = 0;
        foreach (var g in times.GroupBy(t => t.User))
        {
            DateTime[] sorted = [.. g.Select(t => t.Time).Order()];
            for (int k = 1; k < sorted.Length; k++, pairs++)
            {
                sevens += (sorted[k] - sorted[k - 1]).TotalSeconds == 7 ? 1 : 0;
            }
        }

        // Sessions of one day start at random seconds of the 20:00 hour, so most, not all, consecutive events are 7 s apart.
        Assert.True(sevens > pairs / 2, $"{sevens} of {pairs} consecutive events 7 s apart");
    }

    [Fact]
    public void Exact_picks_with_repeats_are_drawn_in_proportion_to_weight_times_affinity()
    {
        // Everyone is a lefty (the righty cluster has weight 0): left items' affinity ≈ 0.998, so item i is drawn ∝ i + 1.
        string scenario = Scenario("{ preference: 1, popularity: 0, exploration: 0, coherence: 0, preference_popularity_bias: 1, sampler: exact }");
        File.WriteAllText(scenario, File.ReadAllText(scenario).Replace("count: 600", "count: 60000\n  distinct_items: false", StringComparison.Ordinal).Replace("righty: { weight: 0.5", "righty: { weight: 0", StringComparison.Ordinal));
        var ratings = Table(Generate(scenario), "ratings");
        var counts = ratings.GroupBy(r => int.Parse(r["movieId"], CultureInfo.InvariantCulture) - 1000).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(counts.Keys, i => Assert.True(i < 20, $"item {i} is on the right"));

        // Left weights 1..20 sum to 210: item 19's share is 20/210 = 9.5%, item 0's 0.48%. 60,000 draws: standard errors
        // 0.12 and 0.03 points; the tolerance is 4 of them.
        Assert.Equal(20 / 210.0, counts[19] / 60_000.0, 0.005);
        Assert.Equal(1 / 210.0, counts.GetValueOrDefault(0) / 60_000.0, 0.0012);
    }

    [Fact]
    public void Users_with_two_interests_pick_from_both_and_mixed_positions_from_neither()
    {
        // Two clusters at opposite ends: a user mixing both into one position sits near (0, 0) — affinity ≈ 1/(1+e^6)
        // to every item — while a user keeping both as interests picks from each side by its weight.
        string scenario = Scenario("{ preference: 1, popularity: 0, exploration: 0, coherence: 0, preference_popularity_bias: 1, sampler: exact }", "  distinct_items: true");
        string text = File.ReadAllText(scenario).Replace("clusters_per_user: { min: 1, max: 1 }", "clusters_per_user: { min: 2, max: 2, mix: picks }", StringComparison.Ordinal);
        File.WriteAllText(scenario, text);
        var ratings = Table(Generate(scenario), "ratings");
        int both = ratings.GroupBy(r => r["userId"]).Count(g => g.Any(r => int.Parse(r["movieId"], CultureInfo.InvariantCulture) < 1020) && g.Any(r => int.Parse(r["movieId"], CultureInfo.InvariantCulture) >= 1020));

        // A user's 10 picks miss a side only if all land on the stronger interest: probability E[π^10] ≤ 2/11 for π ~ U(½, 1).
        Assert.True(both >= 40, $"{both} of 60 users picked from both sides");
    }

    [Fact]
    public void Planted_items_go_to_as_many_users_of_their_taste_as_the_column_says_at_any_size_and_thread_count()
    {
        // Items 1038 and 1039 have weight 0 (ordinary picks never choose them) and 3 planted users per 60 users.
        string scenario = Scenario("{ preference: 1, popularity: 0, exploration: 0, coherence: 0, preference_popularity_bias: 1, sampler: exact, planted: { column: plant, per_users: 60 } }", "  distinct_items: true", planted: true);
        foreach (int scale in new[] { 1, 2 })
        {
            string dir = Path.Combine(_root, "planted-" + scale);
            string[] size = ["--users", (60 * scale).ToString(CultureInfo.InvariantCulture), "--interactions", (600 * scale).ToString(CultureInfo.InvariantCulture)];
            var (code, _, error) = Cli.Run(["generate", scenario, "--out", dir, "--threads", "1", .. size]);
            Assert.True(code == 0, error);
            var users = Table(dir, "users").ToDictionary(u => u["userId"], u => u["segment"]);
            var ratings = Table(dir, "ratings");
            foreach (string item in new[] { "1038", "1039" })
            {
                // 3 × users / 60 distinct users each, all of the right-hand taste (a left user's affinity is e^−18).
                string[] holders = [.. ratings.Where(r => r["movieId"] == item).Select(r => r["userId"])];
                Assert.Equal(3 * scale, holders.Distinct().Count());
                Assert.Equal(3 * scale, holders.Length);
                Assert.All(holders, u => Assert.Equal("righty", users[u]));
            }

            // Planted picks replace ordinary ones: every user keeps their 10 distinct items.
            Assert.All(ratings.GroupBy(r => r["userId"]), g => Assert.Equal(10, g.Select(r => r["movieId"]).Distinct().Count()));

            // The plan is made once for all users: two threads write the same rows.
            string two = dir + "-threads";
            Assert.Equal(0, Cli.Run(["generate", scenario, "--out", two, "--threads", "2", .. size]).ExitCode);
            Assert.Equal(File.ReadAllText(Path.Combine(dir, "ratings", "part-00000.csv")), File.ReadAllText(Path.Combine(two, "ratings", "part-00000.csv")));
        }
    }

    [Fact]
    public void Users_of_a_cluster_with_an_axis_vary_along_it()
    {
        // Lefty users sit at (1, 0) + 0.05 z; an axis (3, 0) adds 3 z' along x, which turns a user to the right side
        // when z' < −1/3: Φ(−1/3) = 0.369 of lefty users pick right items, and none without the axis. With 300 lefty
        // users the share's standard error is 0.028; the bounds are ~3 of them.
        string scenario = Scenario("{ preference: 1, popularity: 0, exploration: 0, coherence: 0, preference_popularity_bias: 1, sampler: exact }", "  distinct_items: true");
        string text = File.ReadAllText(scenario).Replace("count: 60\n", "count: 600\n", StringComparison.Ordinal).Replace("count: 600\n  start", "count: 6000\n  start", StringComparison.Ordinal);
        foreach (bool axis in new[] { false, true })
        {
            File.WriteAllText(scenario, axis ? text.Replace("centroid: [1, 0], spread: 0.05 }", "centroid: [1, 0], spread: 0.05, axes: [[3, 0]] }", StringComparison.Ordinal) : text);
            string dir = Generate(scenario);
            var users = Table(dir, "users").ToDictionary(u => u["userId"], u => u["segment"]);
            var ratings = Table(dir, "ratings");
            Assert.Equal(6000, ratings.Count);
            var lefty = ratings.Where(r => users[r["userId"]] == "lefty").GroupBy(r => r["userId"]).ToList();
            double turned = lefty.Count(g => g.Count(r => int.Parse(r["movieId"], CultureInfo.InvariantCulture) >= 1020) > g.Count() / 2) / (double)lefty.Count;
            if (axis)
            {
                Assert.InRange(turned, 0.28, 0.46);
            }
            else
            {
                Assert.Equal(0, turned);
            }
        }
    }

    [Fact]
    public void A_catalogue_scenario_reports_bad_files_and_columns_in_one_line()
    {
        string scenario = Scenario("{ preference: 1, popularity: 0, exploration: 0, sampler: exact }");
        string text = File.ReadAllText(scenario);
        (string Edit, string Expected)[] cases =
        [
            (text.Replace("file: items.csv", "file: missing.csv", StringComparison.Ordinal), "missing.csv"),
            (text.Replace("title: { column: title }", "title: { column: name }", StringComparison.Ordinal), "has no column 'name'"),
            (text.Replace("latent_dimensions: 2", "latent_dimensions: 3", StringComparison.Ordinal).Replace("centroid: [1, 0]", "centroid: [1, 0, 0]", StringComparison.Ordinal)
                .Replace("centroid: [-1, 0], spread: [0.05, 0.05]", "centroid: [-1, 0, 0], spread: 0.05", StringComparison.Ordinal), "needs 3 numbers separated by spaces"),
            (text.Replace("users:\n", "users:\n  file: items.csv\n", StringComparison.Ordinal).Replace("count: 60\n", "count: 61\n", StringComparison.Ordinal), "so the count cannot be 61"),
            (text.Replace("popularity: { column: weight }", "popularity: { column: title }", StringComparison.Ordinal), "is not a number"),
            (text.Replace("sampler: exact }", "sampler: exact, idiosyncrasy: 0.5 }", StringComparison.Ordinal).Replace("sampler: exact,", "sampler: rejection,", StringComparison.Ordinal), "needs `sampler: exact`"),
            (text.Replace("sampler: exact }", "sampler: rejection, planted: { column: plant, per_users: 60 } }", StringComparison.Ordinal), "planted picks replace tabulated ones"),
            (text.Replace("sampler: exact }", "sampler: exact, planted: { column: plants } }", StringComparison.Ordinal), "has no column 'plants'"),
            (text.Replace("sampler: exact }", "sampler: exact, planted: { column: title } }", StringComparison.Ordinal), "in column 'title' is not a number"),
            (text.Replace("spread: [0.05, 0.05] }", "spread: [0.05, 0.05], axes: [[0, 1, 2]] }", StringComparison.Ordinal), "expected 2 numbers (latent_dimensions), got 3"),
            (text.Replace("spread: [0.05, 0.05] }", "spread: [0.05, 0.05], axes: [0, 1] }", StringComparison.Ordinal), "expected a list of axes"),
        ];
        foreach (var (edit, expected) in cases)
        {
            File.WriteAllText(scenario, edit);
            string dir = Path.Combine(_root, "bad");
            var (code, _, error) = Cli.Run("generate", scenario, "--out", dir);
            Assert.Equal(2, code);
            Assert.Contains(expected, error, StringComparison.Ordinal);
            Assert.Single(error.Trim().Split('\n'));
            Assert.False(Directory.Exists(Path.Combine(dir, "ratings")));
        }

        // A duplicate id in the file names its line.
        File.WriteAllText(scenario, text);
        File.AppendAllText(Path.Combine(_root, "items.csv"), "1005,Again,Horror,1,0,-1 0,0\n");
        var (badCode, _, duplicate) = Cli.Run("generate", scenario, "--out", Path.Combine(_root, "dup"));
        Assert.Equal(2, badCode);
        Assert.Contains("items.csv:42: id '1005' appears twice", duplicate, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
