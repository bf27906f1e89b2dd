using RecForge.Generation;

namespace RecForge.Connectors.Kafka;

/// <summary>Where and how to stream.</summary>
/// <param name="Bootstrap">Kafka bootstrap servers (host:port,...).</param>
/// <param name="Topic">Topic.</param>
public sealed record KafkaStreamOptions(string Bootstrap, string Topic)
{
    /// <summary>Events per second, or null for as fast as possible.</summary>
    public double? Rate { get; init; }

    /// <summary>Replay event time compressed by this factor (2 = twice as fast as it happened), or null.</summary>
    public double? ReplaySpeed { get; init; }

    /// <summary>Stop after this many messages.</summary>
    public long? Limit { get; init; }

    /// <summary>Skip the first messages of the ordered stream (resume from an offset file).</summary>
    public long Skip { get; init; }

    /// <summary>Skip messages before this instant (resume from a timestamp).</summary>
    public DateTime? From { get; init; }

    /// <summary>File that records how far the stream got, to resume with.</summary>
    public string? OffsetFile { get; init; }

    /// <summary>linger.ms: how long the producer waits to fill a batch.</summary>
    public int LingerMs { get; init; } = 5;

    /// <summary>batch.size in bytes.</summary>
    public int BatchBytes { get; init; } = 1 << 20;

    /// <summary>compression.type: none, gzip, snappy, lz4 or zstd.</summary>
    public string Compression { get; init; } = "lz4";

    /// <summary>message.timeout.ms: after this a message counts as not delivered.</summary>
    public int MessageTimeoutMs { get; init; } = 30_000;

    /// <summary>How long to wait for the first answer of the cluster before giving up (milliseconds).</summary>
    public int ConnectTimeoutMs { get; init; } = 10_000;

    /// <summary>Extra librdkafka settings (name → value).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Progress: messages sent of messages to send.</summary>
    public IProgress<GenerationProgress>? Progress { get; init; }

    /// <summary>Stops streaming; what was sent is flushed and reported.</summary>
    public CancellationToken Cancellation { get; init; }
}
