using System.Globalization;
using RecForge.Generation;
using Spectre.Console;

namespace RecForge.Cli;

/// <summary>
/// The one progress display of every long command (generate, validate, load, export, stream, query): rows, rate and
/// ETA while a run is in progress — or a spinner with the current stage and the time spent for work that reports no
/// rows (fit, evaluate, a DuckDB query) — when standard output is a terminal; silent when output is redirected (CI logs, pipes).
/// </summary>
internal sealed class GenerationProgressDisplay(TextWriter stdout) : IProgress<GenerationProgress>
{
    private long _done;
    private long _total;
    private string? _stage;

    /// <summary>What the reported counts count (default rows).</summary>
    public string Unit { get; init; } = "rows";

    /// <summary>Names the stage that work reporting no rows is in (thread-safe).</summary>
    public void Stage(string name) => Volatile.Write(ref _stage, name);

    public void Report(GenerationProgress value)
    {
        Volatile.Write(ref _total, value.RowsTotal);
        long done;
        do
        {
            done = Volatile.Read(ref _done);
        }
        while (value.RowsDone > done && Interlocked.CompareExchange(ref _done, value.RowsDone, done) != done);
    }

    public T Run<T>(string title, Func<T> work)
    {
        bool interactive = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (!interactive)
        {
            return work();
        }

        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask(title, maxValue: 1);
                Task<T> running = Task.Run(work);
                DateTime started = DateTime.UtcNow;
                while (!running.Wait(200))
                {
                    if (Volatile.Read(ref _total) == 0)
                    {
                        // Work that reports no rows (a DuckDB query): a spinner and the time spent.
                        task.IsIndeterminate = true;
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"{title}: {Volatile.Read(ref _stage) ?? "running"}, {(DateTime.UtcNow - started).TotalSeconds:N0} s");
                        continue;
                    }

                    task.IsIndeterminate = false;
                    long done = Volatile.Read(ref _done), total = Math.Max(1, Volatile.Read(ref _total));
                    double rate = done / Math.Max(1e-3, (DateTime.UtcNow - started).TotalSeconds);
                    task.MaxValue = total;
                    task.Value = done;
                    string? stage = Volatile.Read(ref _stage);
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"{title}: {(stage is null ? "" : stage + ", ")}{done:N0}/{total:N0} {Unit}{(Unit == "rows" ? $", {rate:N0} rows/s" : "")}");
                }

                task.Value = task.MaxValue;
                result = running.GetAwaiter().GetResult();
            });
        return result;
    }
}
