using System.Text.Json;

namespace RecForge.Cli.Tests.Validation;

/// <summary>
/// <c>recforge validate</c>: every check passes on fresh default-size media output, and each check fails on a copy
/// broken on purpose to violate it (and says so in report.json, with exit code 1, never a crash).
/// </summary>
public sealed class ValidateCommandTests(MediaDatasetFixture media) : IClassFixture<MediaDatasetFixture>
{
    public static TheoryData<string> Breaks => [.. Mutations.Keys];

    // Each entry names the check that must fail and how the copy is broken.
    private static readonly Dictionary<string, Action<string>> Mutations = new(StringComparer.Ordinal)
    {
        ["manifest.files"] = d => File.AppendAllText(Directory.GetFiles(Path.Combine(d, "users"), "*.parquet")[0], "x"),
        ["schema.users"] = d => DatasetSurgery.Rewrite(d, "users", _ => { }, drop: "age"),
        ["read.interactions"] = d => Truncate(Directory.GetFiles(Path.Combine(d, "interactions"), "*.parquet")[0]),
        ["keys.users"] = d => DatasetSurgery.Rewrite(d, "users", b => { var ids = DatasetSurgery.Column<Guid>(b, "user_id"); ids[1] = ids[0]; }, firstFileOnly: true),
        ["references.interactions.user_id"] = d => DatasetSurgery.Rewrite(d, "interactions", b => DatasetSurgery.Column<Guid>(b, "user_id")[5] = Guid.NewGuid(), firstFileOnly: true),
        ["references.interactions.content_id"] = d => DatasetSurgery.Rewrite(d, "interactions", b => DatasetSurgery.Column<long>(b, "content_id")[5] = -5, firstFileOnly: true),
        ["finite"] = d => DatasetSurgery.Rewrite(d, "media", b => DatasetSurgery.Column<float[]>(b, "embedding")[0][100] = float.NaN, firstFileOnly: true),
        ["embedding.dimension"] = d => DatasetSurgery.Rewrite(d, "media", b => DatasetSurgery.Column<float[]>(b, "embedding")[0] = new float[1000], firstFileOnly: true),
        ["range.media.popularity"] = d => DatasetSurgery.Rewrite(d, "media", b => DatasetSurgery.Column<double>(b, "popularity")[0] = 1.5, firstFileOnly: true),
        ["range.interactions.watch_time"] = d => DatasetSurgery.Rewrite(d, "interactions", b => DatasetSurgery.Column<double>(b, "watch_time")[3] = 1.2, firstFileOnly: true),
        ["range.interactions.timestamp"] = d => DatasetSurgery.Rewrite(d, "interactions", b => DatasetSurgery.Column<DateTime>(b, "timestamp")[3] = new DateTime(2031, 1, 1, 0, 0, 0, DateTimeKind.Utc), firstFileOnly: true),
        ["users.active"] = d => DatasetSurgery.Rewrite(d, "interactions", b => Replace(DatasetSurgery.Column<Guid>(b, "user_id"), b.Count)),
        ["graph.largest_component"] = d => DatasetSurgery.Rewrite(d, "interactions", b => Isolate(b)),
        ["coverage.mood"] = d => DatasetSurgery.Rewrite(d, "media", b => Rename(DatasetSurgery.Column<string>(b, "mood"), b.Count, "Comedic", "Tense")),
        ["shares.mood"] = d => DatasetSurgery.Rewrite(d, "media", b => Rename(DatasetSurgery.Column<string>(b, "mood"), b.Count, "Romantic", "Uplifting")),
        ["zipf.media.popularity"] = d => DatasetSurgery.Rewrite(d, "media", b => Array.Fill(DatasetSurgery.Column<double>(b, "popularity"), 0.5, 0, b.Count)),
        ["top_users_20pct_share"] = d => DatasetSurgery.Rewrite(d, "interactions", b => Array.Fill(DatasetSurgery.Column<Guid>(b, "user_id"), DatasetSurgery.Column<Guid>(b, "user_id")[0], 0, b.Count * 9 / 10)),
        ["top_items_10pct_share"] = d => DatasetSurgery.Rewrite(d, "interactions", b => Spread(DatasetSurgery.Column<long>(b, "content_id"), b.Count)),
        ["time.peak_hours"] = d => DatasetSurgery.Rewrite(d, "interactions", b => Shift(DatasetSurgery.Column<DateTime>(b, "timestamp"), b.Count, t => t.AddHours(5))),
        ["time.weekend_ratio"] = d => DatasetSurgery.Rewrite(d, "interactions", b => Shift(DatasetSurgery.Column<DateTime>(b, "timestamp"), b.Count, t => t.DayOfWeek == DayOfWeek.Saturday ? t.AddDays(-1) : t)),
        ["entropy.cultural_context.language"] = d => DatasetSurgery.Rewrite(d, "media", b => Rewrite(DatasetSurgery.Column<string>(b, "cultural_context"), b.Count, json => System.Text.RegularExpressions.Regex.Replace(json, "\"language\":\"[A-Za-z]+\"", "\"language\":\"French\""))),
        ["mean.interactions.watch_time"] = d => DatasetSurgery.Rewrite(d, "interactions", b => Array.Fill(DatasetSurgery.Column<double>(b, "watch_time"), 0.05, 0, b.Count)),
    };

    [Fact]
    public void Fresh_media_output_passes_every_check_and_writes_both_reports()
    {
        string report = Cli.TempDirectory();
        var (code, stdout, error) = Cli.Run("validate", media.Directory, "--out", report);
        Assert.True(code == 0, stdout + error);
        JsonElement[] checks = Checks(report);
        Assert.All(checks, c => Assert.True(c.GetProperty("passed").ValueKind != JsonValueKind.False, c.ToString()));

        // Every check the mutations break exists on fresh data and passes there.
        foreach (string name in Mutations.Keys)
        {
            Assert.True(checks.Single(c => c.GetProperty("name").GetString() == name).GetProperty("passed").GetBoolean(), name);
        }

        Assert.Contains("shares.genre", checks.Select(c => c.GetProperty("name").GetString()));
        Assert.Contains("coverage.genre", checks.Select(c => c.GetProperty("name").GetString()));
        Assert.Contains("checks pass", stdout, StringComparison.Ordinal);

        // One self-contained page: inline SVG charts, no scripts, no external references.
        string html = File.ReadAllText(Path.Combine(report, "report.html"));
        Assert.True(System.Text.RegularExpressions.Regex.Count(html, "<svg ") >= 8, "charts");
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=", html, StringComparison.Ordinal);
        Assert.Contains("Cluster map", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Breaks))]
    public void A_dataset_broken_on_purpose_fails_that_check(string check)
    {
        string copy = DatasetSurgery.Copy(media.Directory);
        try
        {
            Mutations[check](copy);
            string report = Path.Combine(copy, "_report");
            var (code, stdout, error) = Cli.Run("validate", copy);
            Assert.True(code == 1, $"exit {code}\n{stdout}{error}");
            JsonElement found = Checks(report).Single(c => c.GetProperty("name").GetString() == check);
            Assert.False(found.GetProperty("passed").GetBoolean(), found.ToString());
            Assert.Contains($"FAIL  {check}", stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void Not_a_dataset_is_a_one_line_error_with_exit_code_2()
    {
        string empty = Cli.TempDirectory();
        var (code, _, error) = Cli.Run("validate", empty);
        Assert.Equal(2, code);
        Assert.Equal($"error: {empty}: no _manifest.json: not a finished RecForge dataset (for other data pass a mapping file)", error.Trim());
    }

    private static JsonElement[] Checks(string reportDirectory)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(reportDirectory, "report.json")));
        return [.. doc.RootElement.GetProperty("checks").EnumerateArray().Select(e => e.Clone())];
    }

    private static void Truncate(string file)
    {
        byte[] bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);
    }

    // Every event of the first user goes to the second, so the first has none.
    private static void Replace(Guid[] users, int count)
    {
        Guid first = users[0], second = Array.Find(users, u => u != first);
        for (int i = 0; i < count; i++)
        {
            if (users[i] == first)
            {
                users[i] = second;
            }
        }
    }

    // Every event goes to one of 1,000 items: the other items have no user, so the graph's largest component shrinks.
    private static void Isolate(RecForge.Output.ColumnBatch b)
    {
        long[] items = DatasetSurgery.Column<long>(b, "content_id");
        long[] kept = [.. items.Take(b.Count).Distinct().Order().Take(1000)];
        for (int i = 0; i < b.Count; i++)
        {
            items[i] = kept[i % kept.Length];
        }
    }

    private static void Rename(string[] values, int count, string from, string to)
    {
        for (int i = 0; i < count; i++)
        {
            if (values[i] == from)
            {
                values[i] = to;
            }
        }
    }

    // Events spread evenly over items: no head.
    private static void Spread(long[] items, int count)
    {
        long[] distinct = [.. items.Take(count).Distinct()];
        for (int i = 0; i < count; i++)
        {
            items[i] = distinct[i % distinct.Length];
        }
    }

    private static void Shift(DateTime[] times, int count, Func<DateTime, DateTime> change)
    {
        for (int i = 0; i < count; i++)
        {
            times[i] = change(times[i]);
        }
    }

    private static void Rewrite(string[] values, int count, Func<string, string> change)
    {
        for (int i = 0; i < count; i++)
        {
            values[i] = change(values[i]);
        }
    }
}
