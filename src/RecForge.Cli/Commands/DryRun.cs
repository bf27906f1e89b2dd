using System.Globalization;
using RecForge.Generation;
using RecForge.Scenarios;

namespace RecForge.Cli.Commands;

/// <summary><c>generate --dry-run</c>: the plan of a run without running it.</summary>
internal static class DryRun
{
    public static void Print(ScenarioDefinition scenario, GenerateOptions options, TextWriter stdout)
    {
        IReadOnlyList<RunEstimate> estimates = DatasetGenerator.Estimate(scenario, options);
        string shard = options.Shard.IsPartial ? $" (shard {options.Shard}: its partitions only)" : "";
        stdout.WriteLine($"{scenario.Name} (seed {scenario.Seed}) plan{shard}, {options.Format.Name}, embeddings {options.EmbeddingStorage.ToString().ToLowerInvariant()}, {options.Threads} threads:");
        stdout.WriteLine($"  {"table",-24} {"rows",15} {"partitions",11} {"est. size",12} {"est. time",10}");
        double cpu = 0;
        foreach (RunEstimate e in estimates)
        {
            cpu += e.CpuSeconds;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {e.Table,-24} {e.Rows,15:N0} {e.Partitions,11:N0} {Size(e.Bytes),12} {Time(e.WarmUpSeconds + e.WallSeconds(options.Threads)),10}"));
        }

        // The tasks of all tables share the threads, but a table of few large tasks cannot finish sooner than its own share.
        long bytes = estimates.Sum(e => e.Bytes);
        double wall = StartSeconds + WarmUpSeconds(estimates) + Math.Max(cpu / Math.Max(1, Math.Min(options.Threads, estimates.Sum(e => e.Tasks))), estimates.Max(e => e.WallSeconds(options.Threads)))
            + StatisticsSeconds(scenario, options, estimates);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  total: {Size(bytes)} on disk, about {Time(wall)} on {options.Threads} threads (estimates from docs/benchmarks.md rates)"));
    }

    // After writing, generate reads the interactions back for its statistics block (up to its row limit), on one
    // thread: measured at stop 30 on media, 0.14–0.26 µs a row with 10,000 items and ~0.37 µs with 1M (each row looks
    // its item up in a table of the items seen), so 0.2 µs plus 0.08 µs per tenfold more items.
    private static double StatisticsSeconds(ScenarioDefinition scenario, GenerateOptions options, IReadOnlyList<RunEstimate> estimates)
        => estimates.FirstOrDefault(e => e.Table == scenario.Events.Table) is { } events && GenerateCommand.ReadsStatistics(events.Rows, options.Format.Name)
            ? events.Rows * (0.2e-6 + (0.08e-6 * Math.Max(0, Math.Log10(scenario.Items.Count / 10_000.0))))
            : 0;

    // The first long row path pays its whole warm-up; the next ones share much of its already compiled code (the
    // writer, the generator, the samplers), measured at stop 37: the default media run (a catalogue with embeddings
    // and interactions) takes 1.65–1.73 s on one thread, 0.35 s less than two full warm-ups would give.
    private static double WarmUpSeconds(IReadOnlyList<RunEstimate> estimates)
    {
        double all = estimates.Sum(e => e.WarmUpSeconds), first = estimates.Count == 0 ? 0 : estimates.Max(e => e.WarmUpSeconds);
        return first + (0.3 * (all - first));
    }

    // Process start, scenario and world: `generate media --items 100 --users 10 --interactions 100` takes 0.53–0.56 s.
    private const double StartSeconds = 0.5;

    private static string Size(long bytes) => bytes >= 1L << 30
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):N1} GB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:N1} MB");

    private static string Time(double seconds) => seconds >= 3600
        ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:N1} h")
        : seconds >= 60 ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:N1} min") : string.Create(CultureInfo.InvariantCulture, $"{seconds:N1} s");
}
