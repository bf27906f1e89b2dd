namespace RecForge.Connectors.Kafka;

/// <summary>No broker of the bootstrap list answered in time; the message names the servers and the cause.</summary>
public sealed class KafkaUnreachableException(string message) : Exception(message);
