using System.Text.Json;

namespace RecForge.Cli.Tests.Validation;

/// <summary><c>recforge validate mapping.yaml</c> on data RecForge did not write: statistics without targets, structure checked.</summary>
public sealed class ForeignDataValidationTests
{
    [Fact]
    public void A_ratings_csv_with_a_mapping_gets_statistics_without_targets()
    {
        string folder = Cli.TempDirectory();
        var ratings = new List<string> { "userId,movieId,rating,timestamp" };
        for (int u = 1; u <= 40; u++)
        {
            for (int k = 0; k < u % 7 + 2; k++)
            {
                // Item (u + k) mod 25 + 1 links neighbouring users, so the graph is connected; ratings 0.5..5 in half steps.
                ratings.Add($"{u},{(u + k) % 25 + 1},{(u * 3 + k) % 10 * 0.5 + 0.5:0.0},{1_600_000_000 + u * 3600 + k * 60}");
            }
        }

        File.WriteAllLines(Path.Combine(folder, "ratings.csv"), ratings);
        File.WriteAllLines(Path.Combine(folder, "movies.csv"), ["movieId,title,genres", .. Enumerable.Range(1, 25).Select(i => $"{i},Film {i},{(i % 2 == 0 ? "Drama" : "Comedy")}")]);
        File.WriteAllText(Path.Combine(folder, "mapping.yaml"), """
            events: { path: ratings.csv, user: userId, item: movieId, timestamp: timestamp, rating: rating }
            items: { path: movies.csv, key: movieId, category: genres }
            """);

        var (code, stdout, error) = Cli.Run("validate", Path.Combine(folder, "mapping.yaml"));
        Assert.True(code == 0, stdout + error);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "_report", "report.json")));
        JsonElement[] checks = [.. doc.RootElement.GetProperty("checks").EnumerateArray()];
        JsonElement Check(string name) => checks.Single(c => c.GetProperty("name").GetString() == name);

        Assert.True(Check("references.events.movieId").GetProperty("passed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, Check("top_users_20pct_share").GetProperty("passed").ValueKind);
        Assert.Equal(JsonValueKind.Null, Check("time.peak_hours").GetProperty("passed").ValueKind);

        // The rating mean is computed from the file: (u*3+k) mod 10 spreads evenly enough that it is checked exactly.
        double expected = ratings.Skip(1).Average(r => double.Parse(r.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal($"mean {expected.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)}", Check("ratings.events.rating").GetProperty("measured").GetString());
        Assert.Equal(1.0, double.Parse(Check("graph.largest_component").GetProperty("measured").GetString()!.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture) / 100, 3);
    }

    [Fact]
    public void A_mapping_naming_a_missing_column_is_a_one_line_error()
    {
        string folder = Cli.TempDirectory();
        File.WriteAllLines(Path.Combine(folder, "ratings.csv"), ["userId,movieId,rating", "1,2,3.5"]);
        File.WriteAllText(Path.Combine(folder, "mapping.yaml"), "events: { path: ratings.csv, user: user, item: movieId }\n");
        var (code, _, error) = Cli.Run("validate", Path.Combine(folder, "mapping.yaml"));
        Assert.Equal(2, code);
        Assert.Equal($"error: {Path.Combine(folder, "ratings.csv")}: no column 'user' (has userId, movieId, rating)", error.Trim());
    }
}
