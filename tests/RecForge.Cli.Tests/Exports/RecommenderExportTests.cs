using System.Globalization;
using RecForge.Output;

namespace RecForge.Cli.Tests.Exports;

/// <summary>
/// <c>recforge export recbole|cornac|recommenders</c>: each export read back with its format's conventions — headers,
/// separators, sequence separators — and its splits disjoint, complete and (by time) ordered.
/// </summary>
public sealed class RecommenderExportTests : IDisposable
{
    private readonly string _root = Cli.TempDirectory();

    private string Generate(string scenario, params string[] size)
    {
        string dir = Path.Combine(_root, scenario);
        var (code, _, error) = Cli.Run(["generate", scenario, "--out", dir, .. size]);
        Assert.True(code == 0, error);
        return dir;
    }

    private static void Export(params string[] args)
    {
        var (code, _, error) = Cli.Run(["export", .. args]);
        Assert.True(code == 0, error);
    }

    [Fact]
    public void RecBole_atomic_files_hold_every_event_and_a_per_user_time_split()
    {
        // ecommerce: explicit ratings, written as CSV.
        string dataset = Generate("ecommerce", "--users", "120", "--items", "600", "--interactions", "3000");
        string output = Path.Combine(_root, "recbole");
        Export("recbole", dataset, "--out", output, "--split", "time", "--name", "shop");
        string folder = Path.Combine(output, "shop");

        string[][] all = Read(Path.Combine(folder, "shop.inter"), '\t', out string[] header);
        Assert.Equal(["user_id:token", "item_id:token", "rating:float", "timestamp:float"], header);
        Assert.Equal(Manifest.Load(dataset).Tables.Single(t => t.Name == "interactions").Rows, all.Length);
        Assert.All(all, r => Assert.Equal(4, r.Length));
        Assert.All(all, r => Assert.Contains(double.Parse(r[2], CultureInfo.InvariantCulture), (double[])[1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]));

        string[][][] parts = [.. new[] { "train", "valid", "test" }.Select(p => Read(Path.Combine(folder, $"shop.{p}.inter"), '\t', out _))];
        AssertDisjointAndComplete(all, parts);

        // By time per user: every training event precedes the user's validation events, which precede their tests.
        foreach (var user in all.GroupBy(r => r[0]))
        {
            long[] Times(int p) => [.. parts[p].Where(r => r[0] == user.Key).Select(r => long.Parse(r[3], CultureInfo.InvariantCulture))];
            long[] train = Times(0), valid = Times(1), test = Times(2);
            Assert.NotEmpty(train);
            if (valid.Length > 0)
            {
                Assert.True(train.Max() <= valid.Min(), user.Key);
            }

            if (test.Length > 0)
            {
                Assert.True((valid.Length > 0 ? valid.Max() : train.Max()) <= test.Min(), user.Key);
            }
        }

        // About 10% / 10% per user, rounded per user.
        Assert.InRange(parts[2].Length, all.Length * 0.08, all.Length * 0.12);

        // Feature files: the key as item_id / user_id tokens, every item of the events present.
        string[][] items = Read(Path.Combine(folder, "shop.item"), '\t', out string[] itemHeader);
        Assert.Equal("item_id:token", itemHeader[0]);
        Assert.All(itemHeader, h => Assert.Matches("^[a-z_0-9]+:(token|token_seq|float|float_seq)$", h));
        Assert.Equal(600, items.Length);
        Assert.Subset(items.Select(r => r[0]).ToHashSet(), all.Select(r => r[1]).ToHashSet());
        Read(Path.Combine(folder, "shop.user"), '\t', out string[] userHeader);
        Assert.Equal("user_id:token", userHeader[0]);
    }

    [Fact]
    public void RecBole_lists_and_vectors_are_space_separated_sequences()
    {
        string dataset = Generate("media", "--items", "300", "--users", "60", "--interactions", "1500");
        string output = Path.Combine(_root, "recbole-media");
        Export("recbole", dataset, "--out", output);
        string[][] users = Read(Path.Combine(output, "media", "media.user"), '\t', out string[] header);
        int clusters = Array.IndexOf(header, "taste_clusters:token_seq"), state = Array.IndexOf(header, "psychographic_state:float_seq");
        Assert.True(clusters > 0 && state > 0, string.Join(" ", header));
        Assert.All(users, r => Assert.Equal(3, r[state].Split(' ').Length));
        Assert.All(users, r => Assert.All(r[clusters].Split(' '), token => Assert.DoesNotContain(" ", token, StringComparison.Ordinal)));
        string[][] items = Read(Path.Combine(output, "media", "media.item"), '\t', out string[] itemHeader);
        int embedding = Array.IndexOf(itemHeader, "embedding:float_seq");
        Assert.All(items, r => Assert.Equal(1024, r[embedding].Split(' ').Length));
        Assert.False(File.Exists(Path.Combine(output, "media", "media.train.inter")), "no split asked");
    }

    [Fact]
    public void Cornac_uirt_leave_one_out_holds_out_each_users_last_event()
    {
        string dataset = Generate("music", "--users", "40", "--songs", "300", "--artists", "30", "--interactions", "2000");
        string output = Path.Combine(_root, "cornac");
        Export("cornac", dataset, "--out", output, "--split", "leave-one-out");
        string[][] all = Read(Path.Combine(output, "music.tsv"), '\t', out string[] first, hasHeader: false);
        Assert.Equal(4, first.Length);
        Assert.True(long.TryParse(first[3], out _), "no header: the first line is a row");
        string[][][] parts = [.. new[] { "train", "valid", "test" }.Select(p => Read(Path.Combine(output, $"music.{p}.tsv"), '\t', out _, hasHeader: false))];
        AssertDisjointAndComplete(all, parts);
        foreach (var user in all.GroupBy(r => r[0]).Where(g => g.Count() >= 3))
        {
            string[] test = Assert.Single(parts[2], r => r[0] == user.Key);
            Assert.Single(parts[1], r => r[0] == user.Key);
            Assert.Equal(user.Max(r => long.Parse(r[3], CultureInfo.InvariantCulture)), long.Parse(test[3], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Recommenders_csv_random_split_is_seeded()
    {
        string dataset = Generate("ecommerce", "--users", "80", "--items", "500", "--interactions", "2000");
        Export("recommenders", dataset, "--out", Path.Combine(_root, "r1"), "--split", "random", "--valid", "0.2", "--test", "0.2");
        Export("recommenders", dataset, "--out", Path.Combine(_root, "r2"), "--split", "random", "--valid", "0.2", "--test", "0.2");
        Export("recommenders", dataset, "--out", Path.Combine(_root, "r3"), "--split", "random", "--valid", "0.2", "--test", "0.2", "--seed", "7");
        string[][] all = Read(Path.Combine(_root, "r1", "ecommerce.csv"), ',', out string[] header);
        Assert.Equal(["userID", "itemID", "rating", "timestamp"], header);
        string[][][] parts = [.. new[] { "train", "valid", "test" }.Select(p => Read(Path.Combine(_root, "r1", $"ecommerce.{p}.csv"), ',', out _))];
        AssertDisjointAndComplete(all, parts);
        Assert.InRange(parts[2].Length, all.Length * 0.17, all.Length * 0.23);
        Assert.Equal(File.ReadAllText(Path.Combine(_root, "r1", "ecommerce.test.csv")), File.ReadAllText(Path.Combine(_root, "r2", "ecommerce.test.csv")));
        Assert.NotEqual(File.ReadAllText(Path.Combine(_root, "r1", "ecommerce.test.csv")), File.ReadAllText(Path.Combine(_root, "r3", "ecommerce.test.csv")));
    }

    [Fact]
    public void Bad_options_are_one_line_errors_and_write_nothing()
    {
        string dataset = Generate("ecommerce", "--users", "20", "--items", "100", "--interactions", "200");
        var (code, _, error) = Cli.Run("export", "cornac", dataset, "--out", Path.Combine(_root, "x"), "--split", "weekly");
        Assert.Equal(2, code);
        Assert.Contains("--split weekly", error, StringComparison.Ordinal);
        (code, _, error) = Cli.Run("export", "cornac", dataset, "--out", Path.Combine(_root, "y"), "--split", "time", "--valid", "0.6", "--test", "0.5");
        Assert.Equal(2, code);
        Assert.Contains("--valid and --test", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "x")) || Directory.Exists(Path.Combine(_root, "y")));
        (code, _, error) = Cli.Run("export", "recbole", dataset, "--out", dataset);
        Assert.Equal(2, code);
        Assert.Contains("not empty", error, StringComparison.Ordinal);
    }

    // The three parts together are the whole file, row for row (as multisets: an implicit log may repeat a row).
    private static void AssertDisjointAndComplete(string[][] all, string[][][] parts)
    {
        string[] whole = [.. all.Select(r => string.Join('\t', r)).Order(StringComparer.Ordinal)];
        string[] joined = [.. parts.SelectMany(p => p).Select(r => string.Join('\t', r)).Order(StringComparer.Ordinal)];
        Assert.Equal(whole, joined);
        Assert.All(parts, p => Assert.NotEmpty(p));
    }

    private static string[][] Read(string path, char separator, out string[] header, bool hasHeader = true)
    {
        string[] lines = File.ReadAllLines(path);
        header = lines[0].Split(separator);
        return [.. lines.Skip(hasHeader ? 1 : 0).Select(l => l.Split(separator))];
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
