using System.Diagnostics;
using System.Globalization;

namespace RecForge.Bench;

/// <summary>
/// Runs each case <c>--repeat</c> times in fresh processes, alternating RecForge and DuckDB, and prints medians side
/// by side with the RecForge/DuckDB ratio of the medians and the range of the per-pair ratios. <c>--check</c> runs tiny sizes once, to prove the harness works (CI-friendly).
/// </summary>
internal static class BenchRunner
{
    public static int Run(string[] args)
    {
        if (Array.IndexOf(args, "--kafka") is int k and >= 0)
        {
            return KafkaBench.Run(long.Parse(args[k + 1], CultureInfo.InvariantCulture), Option(args, "--repeat", 3));
        }

        bool check = args.Contains("--check");
        int repeat = check ? 1 : Option(args, "--repeat", 3);
        long interactions = Option(args, "--interactions", check ? 20_000 : 1_000_000);
        long items = Option(args, "--items", check ? 500 : 10_000);
        int[] threads = check ? [1] : [1, 2];
        Console.WriteLine($"# RecForge vs DuckDB, medians of {repeat} runs, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
        Console.WriteLine("| table | rows | threads | engine | rows/s | MB/s | MB on disk | peak MB | RecForge/DuckDB | pair ratios (min–max) |");
        Console.WriteLine("|---|---:|---:|---|---:|---:|---:|---:|---:|---|");
        foreach (var (table, rows) in new[] { ("interactions", interactions), ("items", items) })
        {
            foreach (int t in threads)
            {
                // Alternating runs (RecForge, DuckDB, RecForge, DuckDB …): drift on a shared machine hits both engines
                // alike instead of one whole series; each pair also gives a ratio, whose spread shows the noise.
                var ourRuns = new List<Result>();
                var peerRuns = new List<Result>();
                var pairRatios = new List<double>();
                for (int r = 0; r < repeat; r++)
                {
                    ourRuns.Add(Child($"recforge-{table}", rows, t));
                    peerRuns.Add(Child($"duckdb-{table}", rows, t));
                    pairRatios.Add(peerRuns[^1].Seconds / ourRuns[^1].Seconds);
                }

                Result ours = Median(ourRuns), peer = Median(peerRuns);
                Print(table, rows, t, "RecForge", ours, (rows / ours.Seconds) / (rows / peer.Seconds), pairRatios);
                Print(table, rows, t, "DuckDB", peer, null, null);
            }
        }

        return 0;
    }

    private static void Print(string table, long rows, int threads, string engine, Result r, double? ratio, List<double>? pairs)
        => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {table} | {rows:N0} | {threads} | {engine} | {rows / r.Seconds:N0} | {r.Bytes / 1048576.0 / r.Seconds:N1} | {r.Bytes / 1048576.0:N1} | {r.Peak / 1048576.0:N0} | {(ratio is { } x ? x.ToString("F2", CultureInfo.InvariantCulture) + "x" : "")} | {(pairs is { Count: > 0 } p ? $"{p.Min():F2}–{p.Max():F2}x" : "")} |"));

    private static Result Child(string name, long rows, int threads)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!, ["--case", name, rows.ToString(CultureInfo.InvariantCulture), threads.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
        };
        if (Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal))
        {
            start.ArgumentList.Insert(0, typeof(BenchRunner).Assembly.Location);
        }

        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string line = output.Split('\n').LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"case {name} failed (exit {process.ExitCode}): {output}");
        string[] parts = line.Split(' ');
        return new Result(double.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture));
    }

    private static Result Median(IEnumerable<Result> results)
    {
        var list = results.OrderBy(r => r.Seconds).ToList();
        return list[list.Count / 2];
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private readonly record struct Result(double Seconds, long Bytes, long Peak);
}
