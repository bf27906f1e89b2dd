namespace RecForge.Connectors.Kafka;

/// <summary>One interaction as a Kafka message: event time, key (the user id) and JSON value.</summary>
public readonly record struct EventMessage(long TimestampTicks, byte[] Key, byte[] Value);
