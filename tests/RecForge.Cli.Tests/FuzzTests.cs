using System.Diagnostics;
using System.Text;

namespace RecForge.Cli.Tests;

/// <summary>
/// Issue 16: a seeded, bounded fuzz suite. Hostile scenario files, command lines, damaged datasets and manifests and
/// malformed logs; for every case the exit code is 0, 1 or 2, nothing prints a stack trace, an error is one line of
/// under 300 characters, and a failed generate or fit leaves no file under a final name.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] HostileValues =
    [
        "-1", "0", "1e308", "-1e308", "NaN", ".inf", "abc", "''", "[]", "{}", "[[[[[[[[[[]]]]]]]]]]", "~", "null", "9223372036854775807",
        "1000000000000000", "\"" + new string('x', 5000) + "\"", "\"../../../../etc/passwd\"", "{ a: 1 }", "\"{unknown.field}\"", "0.5",
    ];

    private readonly string _root = Cli.TempDirectory();

    [Fact]
    public void Hostile_scenario_files_fail_cleanly()
    {
        // 160 mutations of a valid scenario (seed 16): a scalar replaced by a hostile value, a line dropped or
        // doubled, the text cut short, or random bytes spliced in.
        var random = new Random(16);
        string[] lines = SmallShop.Split('\n');
        var clock = Stopwatch.StartNew();
        int cases = 0, succeeded = 0;
        for (int c = 0; c < 160; c++)
        {
            string text = Mutate(lines, random);
            string file = Path.Combine(_root, $"s{c}.yaml");
            File.WriteAllText(file, text);
            string dir = Path.Combine(_root, $"s{c}");
            var result = Cli.Run("generate", file, "--out", dir, "--threads", "2");
            AssertClean(result, $"scenario case {c}:\n{text}");
            if (result.ExitCode != 0)
            {
                AssertNoFinalFiles(dir, $"scenario case {c}");
            }
            else
            {
                succeeded++;
            }

            cases++;
        }

        output.WriteLine($"{cases} scenario cases ({succeeded} generated) in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.InRange(succeeded, 1, cases - 1);
    }

    [Fact]
    public void Hostile_command_lines_fail_cleanly()
    {
        string dataset = Path.Combine(_root, "data");
        Assert.Equal(0, Cli.Run("generate", "ecommerce", "--out", dataset, "--items", "300", "--users", "50", "--interactions", "800", "--format", "parquet").ExitCode);
        string[][] commands =
        [
            ["generate", "ecommerce", "--out", "{dir}"], ["generate", "media", "--out", "{dir}", "--dry-run"], ["validate", dataset], ["cluster", dataset, "--out", "{dir}/c.parquet"],
            ["export", "milvus", dataset, "--out", "{dir}"], ["fit", "tests/none.csv", "--out", "{dir}/t.yaml"], ["manifest", "merge", "{dir}"], ["scenarios"],
            ["evaluate", "--real", dataset, "--synthetic", dataset], ["search", "postgres", "--connection", "Host=127.0.0.1;Port=1", "--like", "1"],
            ["query", dataset, "SELECT count(*) FROM interactions"], ["export", "recbole", dataset, "--out", "{dir}"], ["export", "cornac", dataset, "--out", "{dir}", "--split", "time"],
        ];
        string[] options = ["--items", "--users", "--interactions", "--seed", "--threads", "--shard", "--format", "--set", "--tables", "--embedding-type", "--k", "--k-range", "--rows-per-file", "--holdout", "--epsilon", "--limit", "--ef-search", "--generated-at", "--split", "--valid", "--schema", "--max-rows", "--bogus"];
        string[] values = ["-5", "0", "1/0", "3/2", "abc", "", "1e400", "99999999999999999999", "world.popularity.exponent=-3", "events.count=abc", "items.count=1", "a=b=c", "../../../../etc/passwd", "1..0", "x", new string('9', 400), "csv", "none"];
        var random = new Random(160);
        var clock = Stopwatch.StartNew();
        for (int c = 0; c < 120; c++)
        {
            string dir = Path.Combine(_root, $"a{c}");
            var args = commands[random.Next(commands.Length)].Select(a => a.Replace("{dir}", dir, StringComparison.Ordinal)).ToList();
            for (int k = random.Next(1, 4); k > 0; k--)
            {
                args.Add(options[random.Next(options.Length)]);
                args.Add(values[random.Next(values.Length)]);
            }

            var result = Cli.Run([.. args]);
            AssertClean(result, $"arguments case {c}: {string.Join(' ', args)}");
            if (result.ExitCode != 0 && args[0] is "generate" or "fit")
            {
                AssertNoFinalFiles(dir, $"arguments case {c}");
            }
        }

        output.WriteLine($"120 command-line cases in {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void Damaged_datasets_manifests_and_logs_fail_cleanly()
    {
        // Given a small Parquet dataset and a small CSV one
        string parquet = Path.Combine(_root, "parquet");
        string csv = Path.Combine(_root, "csv");
        Assert.Equal(0, Cli.Run("generate", "media", "--out", parquet, "--items", "300", "--users", "60", "--interactions", "1500", "--embedding-type", "float16").ExitCode);
        Assert.Equal(0, Cli.Run("generate", "ecommerce", "--out", csv, "--items", "300", "--users", "60", "--interactions", "1500").ExitCode);
        var random = new Random(1616);
        var clock = Stopwatch.StartNew();
        int cases = 0;
        for (int c = 0; c < 90; c++)
        {
            string source = c % 3 == 2 ? csv : parquet;
            string copy = Path.Combine(_root, $"d{c}");
            CopyDirectory(source, copy);
            string[] files = [.. Directory.GetFiles(copy, "*", SearchOption.AllDirectories).Where(f => !f.Contains("_partitions", StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith(".recforge", StringComparison.Ordinal))];
            string target = c % 5 == 0 ? Path.Combine(copy, "_manifest.json") : files[random.Next(files.Length)];
            Damage(target, random, c);
            foreach (string[] command in new[]
            {
                new[] { "validate", copy },
                ["load", "postgres", copy, "--connection", "Host=127.0.0.1;Port=1;Timeout=1"],
                ["export", "milvus", copy, "--out", Path.Combine(copy, "_milvus")],
                ["cluster", copy, "--out", Path.Combine(copy, "_c.parquet"), "--k", "3"],
                ["stream", "kafka", copy, "--bootstrap", "127.0.0.1:1", "--connect-timeout-ms", "200"],
                ["query", copy, "SELECT count(*) FROM interactions JOIN items USING (item_id)"],
                ["export", "recbole", copy, "--out", Path.Combine(copy, "_recbole"), "--split", "time"],
            })
            {
                // query and the recommender exports on every fifth damaged copy (Parquet and CSV ones alike): about 0.4 s a run.
                if ((command[0] is "query" || command[1] is "recbole") && c % 5 != 1)
                {
                    continue;
                }

                var result = Cli.Run(command);
                AssertClean(result, $"dataset case {c} ({Path.GetRelativePath(copy, target)}): {string.Join(' ', command)}");
                cases++;
            }
        }

        // Malformed logs for fit and evaluate: a real log with lines damaged
        string[] log = File.ReadAllLines(Path.Combine(RepoRoot(), "tests", "data", "movielens-latest-small", "ratings.csv")).Take(3000).ToArray();
        for (int c = 0; c < 30; c++)
        {
            string[] damaged = (string[])log.Clone();
            for (int k = random.Next(1, 5); k > 0; k--)
            {
                int line = random.Next(damaged.Length);
                damaged[line] = (random.Next(6)) switch
                {
                    0 => "",
                    1 => "1,2",
                    2 => "x,y,z,w",
                    3 => new string(',', random.Next(1, 50)),
                    4 => "1,2,NaN,-5",
                    _ => "\"unterminated,1,2,3",
                };
            }

            string file = Path.Combine(_root, $"log{c}.csv");
            File.WriteAllLines(file, c % 7 == 0 ? damaged.Take(1).ToArray() : damaged);
            string twin = Path.Combine(_root, $"twin{c}.yaml");
            var result = Cli.Run("fit", file, "--out", twin);
            AssertClean(result, $"log case {c}: fit");
            if (result.ExitCode != 0)
            {
                Assert.False(File.Exists(twin), $"log case {c}: a failed fit left {twin}");
            }

            AssertClean(Cli.Run("evaluate", "--real", file, "--synthetic", csv), $"log case {c}: evaluate");
            cases += 2;
        }

        output.WriteLine($"{cases} damaged-input cases in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static void AssertClean((int ExitCode, string Out, string Error) result, string what)
    {
        Assert.True(result.ExitCode is 0 or 1 or 2, $"{what}: exit {result.ExitCode}\n{result.Error}");
        string all = result.Out + result.Error;
        Assert.False(all.Contains("   at ", StringComparison.Ordinal) || all.Contains("Unhandled exception", StringComparison.Ordinal), $"{what}: stack trace\n{all}");
        string[] errorLines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(errorLines.Count(l => l.StartsWith("error:", StringComparison.Ordinal)) <= 1, $"{what}: more than one error line\n{result.Error}");
        Assert.All(errorLines, l => Assert.True(l.TrimEnd('\r').Length < 300, $"{what}: a line of {l.Length} characters"));
        if (result.ExitCode != 0)
        {
            Assert.True(errorLines.Length > 0 || result.ExitCode == 1, $"{what}: exit {result.ExitCode} without a message");
        }
    }

    // A failed run must not leave data or a manifest under a final name (temporary *.rftmp files are removed too).
    private static void AssertNoFinalFiles(string dir, string what)
    {
        if (!Directory.Exists(dir))
        {
            return;
        }

        string[] left = [.. Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f))
            .Where(f => !f.StartsWith(".recforge", StringComparison.Ordinal) && !f.StartsWith("_partitions", StringComparison.Ordinal))];
        Assert.True(left.Length == 0, $"{what}: a failed run left {string.Join(", ", left.Take(5))}");
    }

    private static string Mutate(string[] lines, Random random)
    {
        var copy = lines.ToList();
        switch (random.Next(6))
        {
            case 0:
            case 1:
            case 2:
                {
                    // Replace the value of a random "key: value" line.
                    int[] scalars = [.. Enumerable.Range(0, copy.Count).Where(i => copy[i].Contains(": ", StringComparison.Ordinal) && !copy[i].TrimEnd().EndsWith(':'))];
                    int at = scalars[random.Next(scalars.Length)];
                    int colon = copy[at].LastIndexOf(": ", StringComparison.Ordinal);
                    copy[at] = copy[at][..(colon + 2)] + HostileValues[random.Next(HostileValues.Length)] + (copy[at].TrimEnd().EndsWith('}') ? " }" : "");
                    break;
                }

            case 3:
                copy.RemoveAt(random.Next(copy.Count));
                break;
            case 4:
                {
                    int at = random.Next(copy.Count);
                    copy.Insert(at, copy[at]);
                    break;
                }

            default:
                {
                    string text = string.Join('\n', copy);
                    int cut = random.Next(text.Length);
                    var junk = new StringBuilder();
                    for (int i = random.Next(1, 40); i > 0; i--)
                    {
                        junk.Append((char)random.Next(1, 0x7F));
                    }

                    return random.Next(2) == 0 ? text[..cut] : text[..cut] + junk + text[cut..];
                }
        }

        return string.Join('\n', copy);
    }

    private static void Damage(string file, Random random, int c)
    {
        byte[] bytes = File.ReadAllBytes(file);
        switch (c % 4)
        {
            case 0 when file.EndsWith("_manifest.json", StringComparison.Ordinal):
                // The manifest as a directory, as garbage, or with a table's files renamed out of the folder.
                if (random.Next(3) == 0)
                {
                    File.Delete(file);
                    Directory.CreateDirectory(file);
                }
                else
                {
                    string text = Encoding.UTF8.GetString(bytes);
                    File.WriteAllText(file, random.Next(2) == 0 ? text[..(text.Length / 2)] : text.Replace("\"path\": \"", "\"path\": \"../../", StringComparison.Ordinal));
                }

                break;
            case 1:
                File.WriteAllBytes(file, bytes[..Math.Max(0, bytes.Length - random.Next(1, Math.Max(2, bytes.Length / 2)))]);
                break;
            default:
                // Overwrite a run of bytes in the middle (pages, compressed blocks, CSV fields).
                int start = bytes.Length / 4 + random.Next(Math.Max(1, bytes.Length / 2));
                for (int i = start; i < Math.Min(bytes.Length, start + random.Next(1, 64)); i++)
                {
                    bytes[i] = (byte)random.Next(256);
                }

                File.WriteAllBytes(file, bytes);
                break;
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    internal static string RepoRoot() => Repository.Root;

    // The README's scenario at a tenth of its size, so each case takes milliseconds.
    private static readonly string SmallShop = TrustTests.Shop
        .Replace("count: 1000", "count: 100", StringComparison.Ordinal)
        .Replace("count: 200", "count: 30", StringComparison.Ordinal)
        .Replace("count: 5000", "count: 300", StringComparison.Ordinal);

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
