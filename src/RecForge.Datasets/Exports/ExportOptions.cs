namespace RecForge.Datasets.Exports;

/// <summary>Where and how to export a dataset for a recommender library.</summary>
/// <param name="Output">A new (or empty) folder.</param>
public sealed record ExportOptions(string Output)
{
    /// <summary>The dataset name used in file names (RecBole's <c>dataset</c>); default: the dataset folder's name.</summary>
    public string? Name { get; init; }

    /// <summary>The split, if any.</summary>
    public SplitKind Split { get; init; } = SplitKind.None;

    /// <summary>Each user's share of validation events (time and random splits).</summary>
    public double Valid { get; init; } = 0.1;

    /// <summary>Each user's share of test events (time and random splits).</summary>
    public double Test { get; init; } = 0.1;

    /// <summary>Seed of the random split.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Receives events read of the events table's rows.</summary>
    public IProgress<Generation.GenerationProgress>? Progress { get; init; }
}
