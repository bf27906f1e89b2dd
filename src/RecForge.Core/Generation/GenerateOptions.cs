using RecForge.Output;

namespace RecForge.Generation;

/// <summary>How to run a generation.</summary>
/// <param name="OutputDirectory">Directory that receives one folder per table and <c>_manifest.json</c>.</param>
/// <param name="Format">Output format.</param>
/// <param name="Threads">Worker threads; the output does not depend on it.</param>
public sealed record GenerateOptions(string OutputDirectory, ITableFormat Format, int Threads)
{
    /// <summary>Receives progress (rows done of rows planned) from worker threads.</summary>
    public IProgress<GenerationProgress>? Progress { get; init; }

    /// <summary>Only these tables (by name), or all tables when null.</summary>
    public IReadOnlySet<string>? Tables { get; init; }

    /// <summary>Stops the run between batches.</summary>
    public CancellationToken Cancellation { get; init; }
}

/// <summary>Progress of a run: rows written so far and rows planned, over all tables.</summary>
public readonly record struct GenerationProgress(long RowsDone, long RowsTotal);
