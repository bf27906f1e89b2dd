using System.Globalization;
using System.Text.RegularExpressions;
using RecForge.Output;

namespace RecForge.Cli.Tests;

/// <summary>Issue 5: shards, resume after a kill, bounded memory, dry runs and float16 embeddings.</summary>
public sealed partial class ScaleTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Cli.TempDirectory();

    // Small partitions so every table has several: 6 item, 3 user and 3 interaction partitions.
    private static readonly string[] Small = ["--items", "1500", "--users", "600", "--interactions", "15000", "--set", "output.partition_rows=250"];

    private static Dictionary<string, byte[]> Files(string dir, bool includeLedger = true)
        => Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir, f))
            .Where(f => !f.StartsWith("_manifest.shard-", StringComparison.Ordinal) && (includeLedger || !f.StartsWith(PartitionLedger.DirectoryName, StringComparison.Ordinal)))
            .ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(dir, f)));

    private static void AssertSameFiles(Dictionary<string, byte[]> expected, Dictionary<string, byte[]> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, bytes) in expected)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(actual[path]), $"{path} differs");
        }
    }

    private string Generate(string name, params string[] extra)
    {
        string dir = Path.Combine(_root, name);
        var (code, _, error) = Cli.Run(["generate", "media", "--out", dir, .. Small, .. extra]);
        Assert.True(code == 0, error);
        return dir;
    }

    [Fact]
    public void Three_shards_and_a_merge_equal_the_single_process_run()
    {
        // Given a single-process run and three shard runs into one shared directory (issue 5)
        string single = Generate("single");
        string shared = Path.Combine(_root, "shared");
        var seen = new HashSet<string>();
        for (int i = 0; i < 3; i++)
        {
            var before = Directory.Exists(shared) ? Files(shared).Keys.ToHashSet() : [];
            Generate("shared", "--shard", $"{i}/3");
            var added = Files(shared).Keys.Where(k => !before.Contains(k) && !k.StartsWith('_')).ToList();
            Assert.NotEmpty(added);
            Assert.All(added, f => Assert.True(seen.Add(f), $"{f} written by two shards"));
        }

        // When the shard manifests are merged
        var (code, stdout, error) = Cli.Run("manifest", "merge", shared);
        Assert.True(code == 0, error);
        Assert.Contains("merged 3 shards", stdout, StringComparison.Ordinal);

        // Then every file, the ledger and the manifest are byte-identical to the single run's
        AssertSameFiles(Files(single), Files(shared));
    }

    [Fact]
    public void Merging_with_a_missing_shard_is_refused()
    {
        Generate("partial", "--shard", "0/2");
        var (code, _, error) = Cli.Run("manifest", "merge", Path.Combine(_root, "partial"));
        Assert.Equal(2, code);
        Assert.Contains("missing shard(s) 1", error, StringComparison.Ordinal);
        Assert.Equal(2, Cli.Run(["generate", "media", "--out", _root, "--shard", "2/2"]).ExitCode);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    public void A_run_killed_after_some_partitions_resumes_to_the_same_files(int finishedBeforeKill)
    {
        // Given an uninterrupted reference run (12 partitions, ~5 s)
        string[] args = ["--items", "2000", "--users", "2000", "--interactions", "4000000", "--set", "output.partition_rows=500", "--threads", "2"];
        string reference = Path.Combine(_root, "reference");
        Assert.Equal(0, Cli.Run(["generate", "media", "--out", reference, .. args]).ExitCode);

        // When the same command runs in a child process that is SIGKILLed once N partitions are recorded
        string dir = Path.Combine(_root, "killed");
        string ledger = Path.Combine(dir, PartitionLedger.DirectoryName);
        using (var child = ChildProcess.Start(["generate", "media", "--out", dir, .. args]))
        {
            while (!child.HasExited && (!Directory.Exists(ledger) || Directory.GetFiles(ledger, "*.json").Length < finishedBeforeKill))
            {
                Thread.Sleep(5);
            }

            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }

        Assert.False(File.Exists(Path.Combine(dir, Manifest.FileName)), "the killed run must not have finished");
        var finished = Directory.GetFiles(ledger, "*.json").SelectMany(r => System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(r)).RootElement.GetProperty("files").EnumerateArray())
            .Select(f => Path.Combine(dir, f.GetProperty("path").GetString()!)).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        output.WriteLine($"killed with {Directory.GetFiles(ledger, "*.json").Length} partitions recorded, {finished.Count} files finished, " +
            $"{Directory.GetFiles(dir, "*" + AtomicFile.TemporarySuffix, SearchOption.AllDirectories).Length} temporary files left");

        // And the command is run again
        var (code, _, error) = Cli.Run(["generate", "media", "--out", dir, .. args]);
        Assert.True(code == 0, error);

        // Then the result equals the uninterrupted run, finished files were not rewritten, and no temporary file is left
        AssertSameFiles(Files(reference), Files(dir));
        Assert.All(finished, f => Assert.Equal(f.Value, File.GetLastWriteTimeUtc(f.Key)));
        Assert.Empty(Directory.GetFiles(dir, "*" + AtomicFile.TemporarySuffix, SearchOption.AllDirectories));
    }

    [Fact]
    public void Rerunning_a_finished_run_rewrites_nothing()
    {
        string dir = Generate("done");
        var times = Directory.GetFiles(dir, "*.parquet", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        byte[] manifest = File.ReadAllBytes(Path.Combine(dir, Manifest.FileName));
        Generate("done");
        Assert.All(times, t => Assert.Equal(t.Value, File.GetLastWriteTimeUtc(t.Key)));
        Assert.Equal(manifest, File.ReadAllBytes(Path.Combine(dir, Manifest.FileName)));
    }

    [Fact]
    public void Another_scenario_in_the_same_folder_replaces_the_old_tables()
    {
        string dir = Generate("replace");
        Generate("replace", "--seed", "5");
        string fresh = Generate("fresh", "--seed", "5");
        AssertSameFiles(Files(fresh), Files(dir));
    }

    [Fact]
    public void Peak_memory_stays_bounded_when_interactions_grow_tenfold()
    {
        // Stated bound (docs/benchmarks.md): per worker one batch and one row group, plus item positions and
        // activity sums, none of which grow with interactions; 512 MB holds it with room for the runtime.
        long Peak(long interactions)
        {
            var (code, stdout, error) = ChildProcess.Run("generate", "media", "--out", Path.Combine(_root, $"m{interactions}"), "--tables", "interactions",
                "--interactions", interactions.ToString(CultureInfo.InvariantCulture), "--users", (interactions / 100).ToString(CultureInfo.InvariantCulture), "--threads", "2");
            Assert.True(code == 0, error);
            long mb = long.Parse(PeakLine().Match(stdout).Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            output.WriteLine($"{interactions:N0} interactions: peak memory {mb} MB");
            return mb;
        }

        long small = Peak(2_000_000), large = Peak(20_000_000);
        Assert.True(large < 512, $"peak {large} MB");
        Assert.True(large < small * 1.5 + 32, $"peak grew from {small} MB to {large} MB");
    }

    [Fact]
    public void Peak_memory_stays_bounded_when_the_catalogues_partitions_double()
    {
        // The hive-partitioned catalogue stages up to 4,096 rows per genre folder of a partition; a finished partition
        // must let them go (a run that kept every partition's writer grew by ~50 MB per 100,000 titles written).
        long Peak(int items)
        {
            var (code, stdout, error) = ChildProcess.Run("generate", "media", "--out", Path.Combine(_root, $"c{items}"), "--tables", "media",
                "--items", items.ToString(CultureInfo.InvariantCulture), "--users", "100", "--interactions", "1000", "--embedding-type", "none",
                "--set", "output.partition_rows=20000", "--threads", "2");
            Assert.True(code == 0, error);
            long mb = long.Parse(PeakLine().Match(stdout).Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            output.WriteLine($"{items:N0} titles in partitions of 20,000: peak memory {mb} MB");
            return mb;
        }

        // Ten partitions, then twenty: measured 242–259 MB and 263 MB; keeping finished partitions' writers gave 293 and
        // 402 MB. The heap settles within the first partitions (two are written at once), so another ten add nothing.
        long ten = Peak(200_000), twenty = Peak(400_000);
        Assert.True(twenty < ten + 48, $"peak grew from {ten} MB to {twenty} MB");
    }

    [Fact]
    public void Dry_run_states_the_plan_and_writes_nothing()
    {
        string dir = Path.Combine(_root, "dry");
        var (code, stdout, error) = Cli.Run("generate", "media", "--out", dir, "--items", "1000000", "--users", "10000000", "--interactions", "1000000000", "--embedding-type", "none", "--dry-run");
        Assert.True(code == 0, error);
        Assert.False(Directory.Exists(dir));
        Assert.Matches(@"interactions\s+1,000,000,000\s+954\s", stdout);
        Assert.Matches(@"users\s+10,000,000\s+100\s", stdout);
        Assert.Contains("total:", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Dry_run_counts_the_hive_catalogues_files_and_bytes()
    {
        // The hive-partitioned catalogue writes one file per (release_year, genre) folder: the plan counts them from the
        // partition columns and adds each file's overhead, so it no longer under-counts the catalogue (41.9 MB against
        // 63.4 MB before, at the default size).
        string[] size = ["--items", "3000", "--users", "100", "--interactions", "1000", "--tables", "media"];
        string dir = Path.Combine(_root, "hive");
        var (code, plan, error) = Cli.Run(["generate", "media", "--out", dir, "--dry-run", .. size]);
        Assert.True(code == 0, error);
        Assert.Equal(0, Cli.Run(["generate", "media", "--out", dir, .. size]).ExitCode);
        Manifest manifest = Manifest.Load(dir);
        ManifestTable media = manifest.Tables.Single(t => t.Name == "media");
        Match row = Regex.Match(plan, @"media\s+3,000\s+([\d,]+)\s+([\d.]+) MB");
        Assert.True(row.Success, plan);
        Assert.Equal(media.Files.Count, int.Parse(row.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
        double predicted = double.Parse(row.Groups[2].Value, CultureInfo.InvariantCulture), written = media.Files.Sum(f => f.Bytes) / 1048576.0;

        // Within 10% (the issue asks 20%); measured: 15.5 MB predicted, 15.5 MB written, 1,438 files both.
        Assert.True(Math.Abs(predicted - written) < 0.1 * written, $"predicted {predicted:F1} MB, written {written:F1} MB");
    }

    [Fact]
    public void Float16_embeddings_are_the_float32_ones_at_half_precision_and_none_drops_them()
    {
        float[][] full = new ParquetTable(Path.Combine(Generate("f32"), "media")).Column<float[]>("embedding");
        byte[][] half = new ParquetTable(Path.Combine(Generate("f16", "--embedding-type", "float16"), "media")).Column<byte[]>("embedding");
        Assert.Equal(full.Length, half.Length);
        for (int r = 0; r < full.Length; r++)
        {
            Assert.Equal(2 * 1024, half[r].Length);
            for (int d = 0; d < 1024; d++)
            {
                float h = (float)System.Buffers.Binary.BinaryPrimitives.ReadHalfLittleEndian(half[r].AsSpan(2 * d));

                // Binary16 has an 11-bit significand: relative error ≤ 2^-11, plus subnormal spacing near zero.
                Assert.True(Math.Abs(h - full[r][d]) <= Math.Abs(full[r][d]) / 2048 + 6e-8, $"row {r} dim {d}: {full[r][d]} vs {h}");
            }
        }

        using var reader = new ParquetSharp.ParquetFileReader(new ParquetTable(Path.Combine(Generate("none", "--embedding-type", "none"), "media")).Files[0]);
        var names = Enumerable.Range(0, reader.FileMetaData.Schema.NumColumns).Select(i => reader.FileMetaData.Schema.Column(i).Path.ToDotVector()[0]).ToList();
        Assert.DoesNotContain("embedding", names);
        Assert.Contains("popularity", names);
    }

    [GeneratedRegex(@"peak memory ([\d,]+) MB")]
    private static partial Regex PeakLine();

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
