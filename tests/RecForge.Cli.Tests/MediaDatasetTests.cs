using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using RecForge.Output;
using RecForge.Quality;

namespace RecForge.Cli.Tests;

/// <summary>
/// Properties of the default-size media dataset (10,000 items, 2,000 users, 100,000 interactions, seed 42) that
/// DESIGN.md and the scenario promise. The data is generated once by <see cref="MediaDatasetFixture"/>.
/// </summary>
public sealed class MediaDatasetTests(MediaDatasetFixture data, ITestOutputHelper output) : IClassFixture<MediaDatasetFixture>
{
    private ParquetTable Media => new(Path.Combine(data.Directory, "media"));

    private ParquetTable Users => new(Path.Combine(data.Directory, "users"));

    private ParquetTable Interactions => new(Path.Combine(data.Directory, "interactions"));

    [Fact]
    public void Tables_have_the_default_sizes_and_the_manifest_matches_every_file()
    {
        Manifest manifest = Manifest.Load(data.Directory);
        Assert.Equal(["media", "users", "interactions"], manifest.Tables.Select(t => t.Name));
        Assert.Equal([10_000L, 2_000, 100_000], manifest.Tables.Select(t => t.Rows));
        foreach (ManifestFile file in manifest.Tables.SelectMany(t => t.Files))
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(data.Directory, file.Path));
            Assert.Equal(file.Bytes, bytes.Length);
            Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }

        Assert.Empty(Directory.GetFiles(data.Directory, "*" + AtomicFile.TemporarySuffix, SearchOption.AllDirectories));
        Assert.Equal(10_000, Media.Column<long>("content_id").Distinct().Count());
    }

    [Fact]
    public void Media_is_hive_partitioned_by_genre_into_one_file_per_genre()
    {
        long[] years = Media.Column<long>("release_year");
        string[] genres = Media.Partition("genre");
        Assert.All(years, y => Assert.InRange(y, 1920, 2024));
        Assert.Contains("Action > Martial Arts", genres);
        Assert.All(genres, g => Assert.Contains(" > ", g, StringComparison.Ordinal));

        // The file count of the default catalogue is bounded: one file per genre (29), not per (year, genre) (2,186).
        Assert.Equal(genres.Distinct().Count(), Directory.GetFiles(Path.Combine(data.Directory, "media"), "*.parquet", SearchOption.AllDirectories).Length);
        Assert.InRange(genres.Distinct().Count(), 20, 40);

        // Weighted toward recent years: 4% growth a year puts the median after 1995.
        long[] sorted = [.. years.Order()];
        Assert.InRange(sorted[sorted.Length / 2], 1995, 2015);
    }

    [Fact]
    public void Mood_shares_are_within_two_points_of_the_scenario()
    {
        string[] moods = Media.Column<string>("mood");
        var expected = new Dictionary<string, double> { ["Uplifting"] = 0.20, ["Melancholic"] = 0.15, ["Tense"] = 0.25, ["Romantic"] = 0.20, ["Comedic"] = 0.20 };

        // With 10,000 items the standard error of a 20% share is 0.4 points: 2 points is 5 standard errors.
        foreach (var (mood, share) in expected)
        {
            double actual = moods.Count(m => m == mood) / (double)moods.Length;
            Assert.InRange(actual, share - 0.02, share + 0.02);
        }

        Assert.Equal(expected.Count, moods.Distinct().Count());
    }

    [Fact]
    public void Popularity_is_zipf_with_exponent_one_and_a_half()
    {
        double[] popularity = Media.Column<double>("popularity");
        Assert.All(popularity, p => Assert.InRange(p, 0, 1));
        Assert.Equal(1.0, popularity.Max());
        double alpha = ZipfFit.Estimate(popularity);
        output.WriteLine($"popularity Zipf alpha (MLE over ranks): {alpha:F4}");
        Assert.InRange(alpha, 1.4, 1.6);
    }

    [Fact]
    public void Interactions_go_mostly_to_popular_items()
    {
        long[] ids = Media.Column<long>("content_id");
        double[] popularity = Media.Column<double>("popularity");
        var top = ids.Zip(popularity).OrderByDescending(p => p.Second).Take(100).Select(p => p.First).ToHashSet();
        long[] watched = Interactions.Column<long>("content_id");
        double share = watched.Count(top.Contains) / (double)watched.Length;
        output.WriteLine($"share of interactions on the 1% most popular items: {share:P1}");

        // Popularity picks alone (30%) put ~0.8 of their mass on the top 100 ranks (H(100,1.5)/H(10000,1.5)).
        Assert.InRange(share, 0.25, 0.9);
    }

    [Fact]
    public void Daily_peaks_are_at_8_12_and_20_local_time()
    {
        var offsets = Users.Column<Guid>("user_id").Zip(Users.Column<long>("utc_offset_minutes")).ToDictionary(p => p.First, p => p.Second);
        Guid[] users = Interactions.Column<Guid>("user_id");
        DateTime[] times = Interactions.Column<DateTime>("timestamp");
        var hours = new long[24];
        for (int i = 0; i < times.Length; i++)
        {
            hours[times[i].AddMinutes(offsets[users[i]]).Hour]++;
        }

        output.WriteLine("local-hour histogram: " + string.Join(" ", hours));

        // The three busiest hours, and the three highest local maxima of the circular histogram (the peaks proper).
        int[] top = [.. Enumerable.Range(0, 24).OrderByDescending(h => hours[h]).Take(3).Order()];
        int[] peaks = [.. Enumerable.Range(0, 24).Where(h => hours[h] >= hours[(h + 23) % 24] && hours[h] >= hours[(h + 1) % 24])
            .OrderByDescending(h => hours[h]).Take(3).Order()];
        foreach (int[] hoursFound in new[] { top, peaks })
        {
            Assert.InRange(hoursFound[0], 7, 9);
            Assert.InRange(hoursFound[1], 11, 13);
            Assert.InRange(hoursFound[2], 19, 21);
        }
    }

    [Fact]
    public void Weekends_and_holidays_are_busier()
    {
        DateTime[] times = Interactions.Column<DateTime>("timestamp");
        var perDay = times.GroupBy(t => t.Date).ToDictionary(g => g.Key, g => (double)g.Count());
        double weekend = perDay.Where(d => d.Key.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday).Average(d => d.Value);
        double weekday = perDay.Where(d => d.Key.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Average(d => d.Value);
        output.WriteLine($"weekend/weekday events per day: {weekend / weekday:F2} (configured 1.35)");

        // ~270 events per day: day-to-day noise is a few percent after averaging 104 weekend days.
        Assert.InRange(weekend / weekday, 1.2, 1.5);
        double christmas = perDay[new DateTime(2024, 12, 25)];
        Assert.True(christmas > 1.5 * weekday, $"Dec 25 had {christmas} events vs {weekday:F0} on an average weekday");
    }

    [Fact]
    public void Languages_and_regions_are_diverse()
    {
        var contexts = Media.Column<string>("cultural_context").Select(j => JsonDocument.Parse(j).RootElement).ToList();
        var languages = contexts.GroupBy(c => c.GetProperty("language").GetString()).ToDictionary(g => g.Key!, g => (long)g.Count());
        var regions = contexts.GroupBy(c => c.GetProperty("region").GetString()).ToDictionary(g => g.Key!, g => (long)g.Count());
        Assert.Equal(["Arabic", "English", "French", "Mandarin", "Spanish"], languages.Keys.Order());
        Assert.Equal(["Africa", "Americas", "Asia", "Europe"], regions.Keys.Order());
        output.WriteLine($"entropy: languages {Entropy.Nats(languages.Values):F3} nats, regions {Entropy.Nats(regions.Values):F3} nats");
        Assert.True(Entropy.Nats(languages.Values) > 1.0);
        Assert.True(Entropy.Nats(regions.Values) > 1.0);
        Assert.All(contexts, c =>
        {
            Assert.InRange(c.GetProperty("themes").GetArrayLength(), 1, 3);
            Assert.Contains(c.GetProperty("era").GetString(), new[] { "Classic", "Golden Age", "Modern", "Contemporary" });
        });
    }

    [Fact]
    public void Embeddings_are_1024_wide_finite_with_unit_blocks()
    {
        float[][] embeddings = Media.Column<float[]>("embedding");
        foreach (float[] e in embeddings)
        {
            Assert.Equal(1024, e.Length);
            Assert.All(e, f => Assert.True(float.IsFinite(f)));
            Assert.Equal(1.0, Norm(e.AsSpan(0, 384)), 3);
            Assert.Equal(1.0, Norm(e.AsSpan(384, 512)), 3);
            Assert.Equal(1.0, Norm(e.AsSpan(896, 128)), 3);
        }
    }

    [Fact]
    public void Nearest_neighbours_share_genre_far_above_chance()
    {
        float[][] embeddings = Media.Column<float[]>("embedding");
        string[] genres = [.. Media.Partition("genre").Select(g => g[..g.IndexOf(" > ", StringComparison.Ordinal)])];
        double chance = genres.GroupBy(g => g).Sum(g => Math.Pow(g.Count() / (double)genres.Length, 2));
        int queries = 0, same = 0;
        for (int q = 0; q < embeddings.Length; q += 20)
        {
            int best = -1;
            double bestScore = double.NegativeInfinity;
            for (int j = 0; j < embeddings.Length; j++)
            {
                double score = j == q ? double.NegativeInfinity : Dot(embeddings[q], embeddings[j]);
                if (score > bestScore)
                {
                    bestScore = score;
                    best = j;
                }
            }

            queries++;
            same += genres[best] == genres[q] ? 1 : 0;
        }

        double rate = same / (double)queries;
        output.WriteLine($"top-1 neighbour shares the top-level genre: {rate:P1} of {queries} queries (chance {chance:P1})");
        Assert.True(rate > Math.Max(0.6, 4 * chance), $"rate {rate:P1}, chance {chance:P1}");
    }

    [Fact]
    public void Descriptions_follow_the_genre_and_mood_vocabulary()
    {
        string[] descriptions = Media.Column<string>("description");
        string[] titles = Media.Column<string>("title");
        string[] moods = Media.Column<string>("mood");
        string[] genres = [.. Media.Partition("genre").Select(g => g[..g.IndexOf(" > ", StringComparison.Ordinal)])];
        var plots = new Dictionary<string, string[]>
        {
            ["Thriller"] = ["a secret someone would kill for", "a mind that cannot be trusted", "a hunt for a mole"],
            ["Romance"] = ["two strangers falling in love", "a love that defies family", "a second chance at love"],
        };
        var sentences = new Dictionary<string, string[]>
        {
            ["Tense"] = ["Tense and gripping to the last minute.", "Nobody is safe."],
            ["Comedic"] = ["A laugh-out-loud comedy.", "Hilarious chaos ensues."],
        };
        for (int i = 0; i < descriptions.Length; i++)
        {
            Assert.False(string.IsNullOrWhiteSpace(titles[i]));
            if (plots.TryGetValue(genres[i], out string[]? plot))
            {
                Assert.Contains(plot, p => descriptions[i].Contains(p, StringComparison.Ordinal));
            }

            if (sentences.TryGetValue(moods[i], out string[]? sentence))
            {
                Assert.Contains(sentence, s => descriptions[i].EndsWith(s, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void Every_interaction_references_existing_rows_and_every_user_acts()
    {
        var users = Users.Column<Guid>("user_id").ToHashSet();
        var items = Media.Column<long>("content_id").ToHashSet();
        Guid[] actors = Interactions.Column<Guid>("user_id");
        Assert.All(actors, u => Assert.Contains(u, users));
        Assert.All(Interactions.Column<long>("content_id"), i => Assert.Contains(i, items));
        Assert.Equal(users.Count, actors.Distinct().Count());
        Assert.All(Interactions.Column<double>("watch_time"), w => Assert.InRange(w, 0, 1));
        var types = Interactions.Column<string>("interaction_type").GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(["like", "save", "share", "view"], types.Keys.Order());
        Assert.True(types["view"] > types["like"] && types["like"] > types["save"] && types["save"] > types["share"]);
    }

    [Fact]
    public void Users_have_demographics_psychographics_and_taste_clusters()
    {
        string[] clusters = ["mainstream", "arthouse", "thrill_seeker", "romantic", "family", "world_cinema"];
        Assert.All(Users.Column<string[]>("taste_clusters"), c =>
        {
            Assert.InRange(c.Length, 1, 3);
            Assert.All(c, name => Assert.Contains(name, clusters));
        });
        Assert.All(Users.Column<float[]>("psychographic_state"), v =>
        {
            Assert.Equal(3, v.Length);
            Assert.All(v, x => Assert.InRange(x, 0, 1));
        });
        Assert.All(Users.Column<string>("demographics"), j =>
        {
            JsonElement d = JsonDocument.Parse(j).RootElement;
            Assert.InRange(d.GetProperty("age").GetInt32(), 16, 80);
            Assert.False(string.IsNullOrEmpty(d.GetProperty("location").GetString()));
            Assert.InRange(d.GetProperty("languages").GetArrayLength(), 1, 3);
        });
    }

    [Fact]
    public void Each_users_rows_are_in_time_order()
    {
        Guid[] users = Interactions.Column<Guid>("user_id");
        DateTime[] times = Interactions.Column<DateTime>("timestamp");
        for (int i = 1; i < users.Length; i++)
        {
            if (users[i] == users[i - 1])
            {
                Assert.True(times[i] >= times[i - 1], $"row {i} goes back in time");
            }
        }
    }

    private static double Norm(ReadOnlySpan<float> v) => Math.Sqrt(Dot(v, v));

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var acc = Vector<float>.Zero;
        int i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            acc += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        }

        float sum = Vector.Sum(acc);
        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
