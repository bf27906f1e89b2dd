using System.Globalization;
using System.Text.Json;
using RecForge.Text;

namespace RecForge.Cli.Tests;

/// <summary>The music dataset at its default size (1,000 users, 5,000 songs, 500 artists, 100,000 plays), seed 42, as CSV.</summary>
public sealed class MusicDatasetFixture : IDisposable
{
    public MusicDatasetFixture()
    {
        Root = Cli.TempDirectory();
        var (code, stdout, error) = Cli.Run("generate", "music", "--out", Root, "--format", "csv");
        Assert.True(code == 0, error);
        Output = stdout;
    }

    public string Root { get; }

    public string Output { get; }

    public List<Dictionary<string, string>> Table(string name)
    {
        var rows = new List<Dictionary<string, string>>();
        foreach (string file in Directory.GetFiles(Path.Combine(Root, name), "*.csv").Order(StringComparer.Ordinal))
        {
            List<string[]> records = CsvRecords.Read(file);
            rows.AddRange(records.Skip(1).Select(r => records[0].Zip(r).ToDictionary(p => p.First, p => p.Second)));
        }

        return rows;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>Issue 3: the `music` scenario — eight tables, listening behaviour and the edge list.</summary>
public sealed class MusicScenarioTests(MusicDatasetFixture music) : IClassFixture<MusicDatasetFixture>
{
    private static long L(Dictionary<string, string> row, string column) => long.Parse(row[column], CultureInfo.InvariantCulture);

    private static double D(Dictionary<string, string> row, string column) => double.Parse(row[column], CultureInfo.InvariantCulture);

    [Fact]
    public void Eight_tables_with_the_design_id_formats_refer_only_to_rows_that_exist()
    {
        var songs = music.Table("songs");
        var users = music.Table("users");
        var artists = music.Table("artists");
        var genres = music.Table("genres");
        var sessions = music.Table("sessions");
        Assert.Equal((5000, 1000, 500, 20, 100_000), (songs.Count, users.Count, artists.Count, genres.Count, sessions.Count));
        Assert.All(users, u => Assert.Matches("^U[0-9]{4}$", u["user_id"]));
        Assert.All(songs, s => Assert.Matches("^T[0-9]{5}$", s["track_id"]));
        Assert.All(artists, a => Assert.Matches("^A[0-9]{4}$", a["artist_id"]));
        Assert.All(genres, g => Assert.Matches("^G[0-9]{3}$", g["genre_id"]));

        var userIds = users.Select(u => u["user_id"]).ToHashSet();
        var songArtist = songs.ToDictionary(s => s["track_id"], s => s["artist_id"]);
        var artistIds = artists.Select(a => a["artist_id"]).ToHashSet();
        var genreIds = genres.Select(g => g["genre_id"]).ToHashSet();
        Assert.All(songArtist.Values, a => Assert.Contains(a, artistIds));
        Assert.All(sessions, p =>
        {
            Assert.Contains(p["user_id"], userIds);
            Assert.Equal(songArtist[p["track_id"]], p["artist_id"]);
        });
        foreach (var (table, key, keys) in new[] { ("artist_genres", "artist_id", artistIds), ("song_genres", "track_id", songArtist.Keys.ToHashSet()), ("user_genre_preferences", "user_id", userIds) })
        {
            Assert.All(music.Table(table), r =>
            {
                Assert.Contains(r[key], keys);
                Assert.Contains(r["genre_id"], genreIds);
            });
        }

        // Every user has sessions; every genre is used, by artists and by plays.
        Assert.Equal(userIds, sessions.Select(p => p["user_id"]).ToHashSet());
        Assert.Equal(genreIds, music.Table("artist_genres").Select(r => r["genre_id"]).ToHashSet());
        var songGenres = music.Table("song_genres").ToLookup(r => r["track_id"], r => r["genre_id"]);
        Assert.Equal(genreIds, sessions.SelectMany(p => songGenres[p["track_id"]]).ToHashSet());
    }

    [Fact]
    public void Artists_have_one_to_three_genres_songs_inherit_them_and_popular_artists_lean_to_popular_genres()
    {
        var artistGenres = music.Table("artist_genres").ToLookup(r => r["artist_id"], r => r["genre_id"]);
        Assert.All(artistGenres, g => Assert.InRange(g.Count(), 1, 3));
        var songs = music.Table("songs");
        var songGenres = music.Table("song_genres").ToLookup(r => r["track_id"], r => r["genre_id"]);
        Assert.All(songs, s => Assert.Equal(artistGenres[s["artist_id"]].Order(), songGenres[s["track_id"]].Order()));

        // The 50 most popular artists' genres carry more weight (are more popular genres) than the least popular 250's.
        var weight = music.Table("genres").ToDictionary(g => g["genre_id"], g => D(g, "weight"));
        var byPopularity = music.Table("artists").OrderByDescending(a => D(a, "popularity")).Select(a => a["artist_id"]).ToList();
        double top = byPopularity.Take(50).SelectMany(a => artistGenres[a]).Average(g => weight[g]);
        double bottom = byPopularity.Skip(250).SelectMany(a => artistGenres[a]).Average(g => weight[g]);
        Assert.True(top > bottom * 1.2, $"mean genre weight: top artists {top:F3}, bottom {bottom:F3}");

        // Song popularity follows the artist's: Spearman correlation clearly positive (0 would be no relation).
        var artistPopularity = music.Table("artists").ToDictionary(a => a["artist_id"], a => D(a, "popularity"));
        double rho = Spearman([.. songs.Select(s => D(s, "popularity"))], [.. songs.Select(s => artistPopularity[s["artist_id"]])]);
        Assert.True(rho > 0.4, $"Spearman {rho:F3}");
        Assert.All(songs, s => Assert.InRange(L(s, "duration_ms"), 30_000, 600_000));
    }

    [Fact]
    public void Listeners_like_one_to_eight_genres_by_type_and_play_mostly_what_they_like()
    {
        var users = music.Table("users").ToDictionary(u => u["user_id"], u => u["user_type"]);
        var preferences = music.Table("user_genre_preferences");
        var liked = preferences.ToLookup(r => r["user_id"], r => r["genre_id"]);
        (int, int) Range(string type) => type switch { "casual" => (1, 3), "regular" => (2, 5), _ => (3, 8) };
        Assert.All(users, u => Assert.InRange(liked[u.Key].Count(), Range(u.Value).Item1, Range(u.Value).Item2));
        Assert.All(preferences, p => Assert.InRange(D(p, "affinity"), 0.0, 1.0));

        // Plays follow the genre affinities: far more plays are of a liked genre than for songs picked at random.
        var songGenres = music.Table("song_genres").ToLookup(r => r["track_id"], r => r["genre_id"]);
        var sessions = music.Table("sessions");
        double share = sessions.Count(p => songGenres[p["track_id"]].Any(g => liked[p["user_id"]].Contains(g))) / (double)sessions.Count;
        var tracks = songGenres.Select(g => g.Key).ToList();
        var random = new Random(7);
        double baseline = sessions.Count(p => songGenres[tracks[random.Next(tracks.Count)]].Any(g => liked[p["user_id"]].Contains(g))) / (double)sessions.Count;
        Assert.True(share > baseline + 0.1, $"plays of a liked genre {share:P1}, random songs {baseline:P1}");

        // Power users play more than regular ones, who play more than casual ones (activity level by type).
        var perUser = sessions.GroupBy(p => users[p["user_id"]]).ToDictionary(g => g.Key, g => g.Count() / (double)users.Values.Count(t => t == g.Key));
        Assert.True(perUser["power"] > perUser["regular"] && perUser["regular"] > perUser["casual"], string.Join(", ", perUser));
    }

    [Fact]
    public void Plays_are_skips_partial_or_full_never_longer_than_the_track_with_rates_that_depend_on_affinity_and_user_type()
    {
        var sessions = music.Table("sessions");
        Assert.All(sessions, p => Assert.InRange(L(p, "ms_played"), 0, L(p, "track_duration_ms")));
        bool Skip(Dictionary<string, string> p) => L(p, "ms_played") < 30_000;
        bool Full(Dictionary<string, string> p) => L(p, "ms_played") >= 0.8 * L(p, "track_duration_ms");
        double skip = sessions.Count(Skip) / (double)sessions.Count, full = sessions.Count(Full) / (double)sessions.Count;
        Assert.InRange(skip, 0.15, 0.5);
        Assert.InRange(full, 0.25, 0.6);
        Assert.InRange(1 - skip - full, 0.1, 0.5);

        // Skips are rarer on liked genres (higher affinity) and for heavier user types (skip_factor 1.3 / 1.0 / 0.7).
        var liked = music.Table("user_genre_preferences").ToLookup(r => r["user_id"], r => r["genre_id"]);
        var songGenres = music.Table("song_genres").ToLookup(r => r["track_id"], r => r["genre_id"]);
        var inTaste = sessions.ToLookup(p => songGenres[p["track_id"]].Any(g => liked[p["user_id"]].Contains(g)));
        double SkipRate(IEnumerable<Dictionary<string, string>> plays) => plays.Count(Skip) / (double)plays.Count();
        Assert.True(SkipRate(inTaste[true]) < SkipRate(inTaste[false]) - 0.05, $"skip rate liked {SkipRate(inTaste[true]):P1}, other {SkipRate(inTaste[false]):P1}");
        var types = music.Table("users").ToDictionary(u => u["user_id"], u => u["user_type"]);
        var byType = sessions.ToLookup(p => types[p["user_id"]]);
        Assert.True(SkipRate(byType["casual"]) > SkipRate(byType["regular"]) && SkipRate(byType["regular"]) > SkipRate(byType["power"]),
            $"{SkipRate(byType["casual"]):P1} / {SkipRate(byType["regular"]):P1} / {SkipRate(byType["power"]):P1}");
    }

    [Fact]
    public void Sessions_are_runs_of_back_to_back_plays_and_play_counts_follow_a_power_law()
    {
        var sessions = music.Table("sessions");
        var times = sessions.Select(p => DateTime.Parse(p["timestamp"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)).ToList();
        int within = 0, between = 0;
        for (int i = 1; i < sessions.Count; i++)
        {
            if (sessions[i]["user_id"] != sessions[i - 1]["user_id"])
            {
                continue;
            }

            double gap = (times[i] - times[i - 1]).TotalSeconds - L(sessions[i - 1], "ms_played") / 1000.0;
            if (sessions[i]["session_id"] == sessions[i - 1]["session_id"])
            {
                // The next play starts after the previous one ends, within a minute (gaps are exponential, mean 3 s).
                Assert.InRange(gap, -1, 60);
                within++;
            }
            else
            {
                Assert.True(L(sessions[i], "session_id") == L(sessions[i - 1], "session_id") + 1 && gap > 0, $"row {i}");
                between++;
            }
        }

        double perSession = (double)sessions.Count / sessions.Select(p => (p["user_id"], p["session_id"])).Distinct().Count();
        Assert.InRange(perSession, 8, 12);   // configured mean 10
        Assert.True(within > 8 * between);

        // Power laws: the top 1% of songs and of artists take far more than 1% of plays.
        double TopShare(IEnumerable<int> counts, double fraction)
        {
            var sorted = counts.OrderDescending().ToList();
            return sorted.Take((int)Math.Ceiling(fraction * sorted.Count)).Sum() / (double)sorted.Sum();
        }

        Assert.True(TopShare(sessions.GroupBy(p => p["track_id"]).Select(g => g.Count()), 0.01) > 0.10);
        Assert.True(TopShare(sessions.GroupBy(p => p["artist_id"]).Select(g => g.Count()), 0.01) > 0.15);
    }

    [Fact]
    public void The_edge_list_aggregates_every_user_track_pair_of_the_sessions()
    {
        var edges = music.Table("edge_list").ToDictionary(e => (e["user_id"], e["track_id"]));
        var pairs = music.Table("sessions").GroupBy(p => (p["user_id"], p["track_id"])).ToList();
        Assert.Equal(pairs.Count, edges.Count);
        foreach (var pair in pairs)
        {
            var e = edges[pair.Key];
            Assert.Equal(pair.Count(), L(e, "play_count"));
            Assert.Equal(pair.Sum(p => L(p, "ms_played")), L(e, "total_ms_played"));
            Assert.Equal(pair.Count(p => L(p, "ms_played") < 30_000) / (double)pair.Count(), D(e, "skip_ratio"), 12);
            Assert.Equal(pair.Min(p => p["timestamp"]), e["first_played"]);
            Assert.Equal(pair.Max(p => p["timestamp"]), e["last_played"]);
        }
    }

    [Fact]
    public void Generate_prints_skip_and_completion_rates_songs_per_session_and_unique_songs_and_artists_per_user()
    {
        var sessions = music.Table("sessions");
        var c = CultureInfo.InvariantCulture;
        double skip = sessions.Count(p => L(p, "ms_played") < 30_000) / (double)sessions.Count;
        double full = sessions.Count(p => L(p, "ms_played") >= 0.8 * L(p, "track_duration_ms")) / (double)sessions.Count;
        int users = sessions.Select(p => p["user_id"]).Distinct().Count();
        Assert.Contains(string.Create(c, $"skip rate             {100 * skip,11:F1}%"), music.Output, StringComparison.Ordinal);
        Assert.Contains(string.Create(c, $"completion rate       {100 * full,11:F1}%"), music.Output, StringComparison.Ordinal);
        Assert.Contains(string.Create(c, $"events per session    {(double)sessions.Count / sessions.Select(p => (p["user_id"], p["session_id"])).Distinct().Count(),12:F2}"), music.Output, StringComparison.Ordinal);
        Assert.Contains(string.Create(c, $"unique track_id per user  {(double)sessions.Select(p => (p["user_id"], p["track_id"])).Distinct().Count() / users:N1}"), music.Output, StringComparison.Ordinal);
        Assert.Contains(string.Create(c, $"unique artist_id per user  {(double)sessions.Select(p => (p["user_id"], p["artist_id"])).Distinct().Count() / users:N1}"), music.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void One_and_two_threads_write_byte_identical_parquet()
    {
        string root = Cli.TempDirectory();
        try
        {
            string[] args = ["--songs", "900", "--artists", "80", "--users", "300", "--interactions", "12000", "--set", "output.partition_rows=50"];
            string one = Path.Combine(root, "one"), two = Path.Combine(root, "two");
            Assert.Equal(0, Cli.Run(["generate", "music", "--out", one, "--threads", "1", .. args]).ExitCode);
            Assert.Equal(0, Cli.Run(["generate", "music", "--out", two, "--threads", "2", .. args]).ExitCode);
            var files = Directory.GetFiles(one, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(one, f)).Order().ToList();
            Assert.Contains(Path.Combine("edge_list", "part-00000.parquet"), files);
            Assert.True(files.Count(f => f.StartsWith("sessions", StringComparison.Ordinal)) > 3, "expected several session files");
            Assert.Equal(files, Directory.GetFiles(two, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(two, f)).Order());
            Assert.All(files, f => Assert.True(File.ReadAllBytes(Path.Combine(one, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(two, f))), f));

            // The manifest records the links between the tables for loaders.
            using JsonDocument manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(one, "_manifest.json")));
            var tables = manifest.RootElement.GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
            Assert.Equal(["songs", "users", "artists", "sessions", "genres", "artist_genres", "song_genres", "user_genre_preferences", "edge_list"], tables);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static double Spearman(double[] x, double[] y)
    {
        double[] rx = Ranks(x), ry = Ranks(y);
        double mx = rx.Average(), my = ry.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }

        return sxy / Math.Sqrt(sxx * syy);
    }

    private static double[] Ranks(double[] values)
    {
        // Average ranks for ties (many songs of one artist share its popularity).
        int[] order = [.. Enumerable.Range(0, values.Length).OrderBy(i => values[i])];
        var ranks = new double[values.Length];
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j + 1 < order.Length && values[order[j + 1]] == values[order[i]])
            {
                j++;
            }

            for (int k = i; k <= j; k++)
            {
                ranks[order[k]] = (i + j) / 2.0;
            }

            i = j + 1;
        }

        return ranks;
    }
}

/// <summary>`recforge validate` on the music dataset (Parquet): listening checks pass, and break when a play outruns its track.</summary>
public sealed class MusicValidationTests : IDisposable
{
    private readonly string _root = Cli.TempDirectory();

    [Fact]
    public void A_fresh_dataset_passes_and_a_play_longer_than_its_track_fails_the_range_check()
    {
        string dir = Path.Combine(_root, "music");
        Assert.Equal(0, Cli.Run("generate", "music", "--out", dir, "--songs", "1000", "--artists", "100", "--users", "200", "--interactions", "20000").ExitCode);
        var (code, stdout, error) = Cli.Run("validate", dir);
        Assert.True(code == 0, stdout + error);
        foreach (string check in new[] { "range.sessions.ms_played", "listening.skip_rate", "listening.completion_rate", "listening.events_per_session" })
        {
            Assert.Contains("pass  " + check, stdout, StringComparison.Ordinal);
        }

        Validation.DatasetSurgery.Rewrite(dir, "sessions", b =>
        {
            long[] played = Validation.DatasetSurgery.Column<long>(b, "ms_played");
            played[3] = Validation.DatasetSurgery.Column<long>(b, "track_duration_ms")[3] + 1;
        }, firstFileOnly: true);
        (code, stdout, _) = Cli.Run("validate", dir);
        Assert.Equal(1, code);
        Assert.Contains("FAIL  range.sessions.ms_played", stdout, StringComparison.Ordinal);
        Assert.Contains("1 outside", stdout, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
