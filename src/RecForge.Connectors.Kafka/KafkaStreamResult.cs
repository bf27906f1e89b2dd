namespace RecForge.Connectors.Kafka;

/// <summary>What a stream did.</summary>
/// <param name="Sent">Messages handed to the producer.</param>
/// <param name="Delivered">Messages the brokers acknowledged.</param>
/// <param name="Failed">Messages not delivered.</param>
/// <param name="Bytes">Key and value bytes delivered.</param>
/// <param name="Position">End of the delivered prefix of the ordered stream: every message before it was delivered (resume from here).</param>
/// <param name="FirstError">The first delivery error, if any.</param>
/// <param name="Cancelled">Whether the stream was stopped early.</param>
public sealed record KafkaStreamResult(long Sent, long Delivered, long Failed, long Bytes, long Position, string? FirstError, bool Cancelled);
