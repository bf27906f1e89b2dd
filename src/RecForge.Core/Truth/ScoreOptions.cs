namespace RecForge.Truth;

/// <summary>How <see cref="TruthScoring"/> scores recommendations against the ground truth.</summary>
public sealed record ScoreOptions
{
    /// <summary>List lengths to score at.</summary>
    public IReadOnlyList<int> Ks { get; init; } = [10, 20, 100];

    /// <summary>Share of each user's events, the latest, held out as the offline test slice (as <c>export --split time --test</c> cuts them).</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>Whether to score RecForge's own baselines (random, most popular, item-kNN, ALS, EASE, the oracle) beside the given lists.</summary>
    public bool Baselines { get; init; } = true;

    /// <summary>Most users scored: beyond it, a seeded sample of users (the oracle costs items × dimensions per user).</summary>
    public int MaxUsers { get; init; } = 5_000;

    /// <summary>Worker threads.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Seed of the user sample, the random baseline and ALS.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Called with (stage, done, total) while scoring.</summary>
    public Action<string, long, long>? Progress { get; init; }

    /// <summary>Cancels the run.</summary>
    public CancellationToken Cancellation { get; init; }
}
