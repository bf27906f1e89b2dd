using RecForge.Output;
using RecForge.Scenarios;
using RecForge.Text;

namespace RecForge.Generation;

/// <summary>How to run a generation.</summary>
/// <param name="OutputDirectory">Directory that receives one folder per table and <c>_manifest.json</c>.</param>
/// <param name="Format">Output format.</param>
/// <param name="Threads">Worker threads; the output does not depend on it.</param>
public sealed record GenerateOptions(string OutputDirectory, ITableFormat Format, int Threads)
{
    /// <summary>Receives progress (rows done of rows planned) from worker threads.</summary>
    public IProgress<GenerationProgress>? Progress { get; init; }

    /// <summary>This process's share of the partitions (default: all).</summary>
    public ShardSpec Shard { get; init; } = ShardSpec.All;

    /// <summary>How embeddings are stored: float32 lists, float16 bytes, or not at all.</summary>
    public EmbeddingStorage EmbeddingStorage { get; init; } = EmbeddingStorage.Float32;

    /// <summary>
    /// The encoder of embedding text blocks (e.g. all-MiniLM-L6-v2 from RecForge.TextModels); null: the hashed n-gram
    /// encoder, whose output is what every earlier version wrote. Its <see cref="ITextEncoder.Dimension"/> must equal the blocks'.
    /// </summary>
    public ITextEncoder? TextEncoder { get; init; }

    /// <summary>Only these tables (by name), or all tables when null.</summary>
    public IReadOnlySet<string>? Tables { get; init; }

    /// <summary>The <c>generated_at</c> of JSON documents; null: the end of the event period, so reruns are byte-identical.</summary>
    public DateTime? GeneratedAt { get; init; }

    /// <summary>Stops the run between batches.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Held item positions past which preference picks fetch their attempts ahead (tests set it to prove both ways give the same bytes).</summary>
    internal long FetchAheadBytes { get; init; } = ItemCatalog.DefaultFetchAheadBytes;

    /// <summary>Interaction rows per block that one thread generates (tests set it small to prove the blocks' seams leave the bytes alone).</summary>
    internal long BlockRows { get; init; } = PartitionRunner.DefaultBlockRows;
}
