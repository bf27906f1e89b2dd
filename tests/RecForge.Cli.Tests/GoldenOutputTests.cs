using System.Security.Cryptography;
using System.Text;
using RecForge.Output;

namespace RecForge.Cli.Tests;

/// <summary>
/// The built-in scenarios' output at default size, held as golden checksums: one SHA-256 per table (over its files'
/// paths and SHA-256s) for every scenario and format, the same with one thread and with two. A change that alters
/// output bytes must update <c>tests/golden/checksums.txt</c> on purpose — run the tests with
/// <c>RECFORGE_UPDATE_GOLDEN=1</c> — and say which bytes and why in its commit.
/// </summary>
public sealed class GoldenOutputTests : IDisposable
{
    private readonly string _root = Cli.TempDirectory();

    public static TheoryData<string, string> Runs()
    {
        var runs = new TheoryData<string, string>();
        foreach (string scenario in new[] { "media", "ecommerce", "music" })
        {
            foreach (string format in new[] { "parquet", "csv", "jsonl", "json" })
            {
                runs.Add(scenario, format);
            }
        }

        return runs;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Default_output_matches_the_golden_checksums_with_one_and_two_threads(string scenario, string format)
    {
        // Media's 1024-d embeddings make its text formats slow to write: the text formats carry them as float16.
        string[] extra = scenario == "media" && format != "parquet" ? ["--embedding-type", "float16"] : [];
        Dictionary<string, string> one = Tables(Generate(scenario, format, 1, extra));
        Dictionary<string, string> two = Tables(Generate(scenario, format, 2, extra));
        Assert.Equal(one, two);

        string golden = Path.Combine(FuzzTests.RepoRoot(), "tests", "golden", "checksums.txt");
        string prefix = $"{scenario} {format} ";
        var lines = File.Exists(golden) ? File.ReadAllLines(golden).ToList() : [];
        var expected = lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(l => l.Split(' ')[2], l => l.Split(' ')[3]);
        if (Environment.GetEnvironmentVariable("RECFORGE_UPDATE_GOLDEN") == "1")
        {
            lock (typeof(GoldenOutputTests))
            {
                lines = [.. File.Exists(golden) ? File.ReadAllLines(golden).Where(l => !l.StartsWith(prefix, StringComparison.Ordinal)) : [], .. one.Select(t => $"{prefix}{t.Key} {t.Value}")];
                Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
                File.WriteAllLines(golden, lines.Order(StringComparer.Ordinal));
            }

            return;
        }

        Assert.True(expected.Count > 0, $"no golden checksums for {scenario} {format} in {golden}");
        Assert.Equal(expected, one);
    }

    private string Generate(string scenario, string format, int threads, string[] extra)
    {
        string dir = Path.Combine(_root, $"{scenario}-{format}-{threads}");
        var (code, _, error) = Cli.Run(["generate", scenario, "--out", dir, "--format", format, "--threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture), .. extra]);
        Assert.True(code == 0, error);
        return dir;
    }

    // table -> SHA-256 of "path sha256" lines of its files, in path order, as the manifest lists them (checked on disk).
    private static Dictionary<string, string> Tables(string dir)
    {
        Manifest manifest = Manifest.Load(dir);
        var tables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ManifestTable table in manifest.Tables)
        {
            var text = new StringBuilder();
            foreach (ManifestFile file in table.Files.OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                string actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(dir, file.Path))));
                Assert.Equal(file.Sha256, actual);
                text.Append(file.Path).Append(' ').Append(actual).Append('\n');
            }

            tables[table.Name] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        }

        return tables;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
