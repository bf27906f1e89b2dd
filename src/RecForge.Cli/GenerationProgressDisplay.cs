using System.Globalization;
using RecForge.Generation;
using Spectre.Console;

namespace RecForge.Cli;

/// <summary>
/// Shows rows, rate and ETA while a run is in progress when standard output is a terminal; stays silent when output
/// is redirected (CI logs, pipes).
/// </summary>
internal sealed class GenerationProgressDisplay(TextWriter stdout) : IProgress<GenerationProgress>
{
    private long _done;
    private long _total;

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
                    long done = Volatile.Read(ref _done), total = Math.Max(1, Volatile.Read(ref _total));
                    double rate = done / Math.Max(1e-3, (DateTime.UtcNow - started).TotalSeconds);
                    task.MaxValue = total;
                    task.Value = done;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"{title}: {done:N0}/{total:N0} rows, {rate:N0} rows/s");
                }

                task.Value = task.MaxValue;
                result = running.GetAwaiter().GetResult();
            });
        return result;
    }
}
