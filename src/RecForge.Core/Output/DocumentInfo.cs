namespace RecForge.Output;

/// <summary>The metadata before and the statistics after the rows of a JSON document.</summary>
/// <param name="GeneratedAt">The <c>generated_at</c> instant.</param>
/// <param name="Counts">Further metadata counts, e.g. <c>num_users</c>, in order.</param>
/// <param name="Statistics">Makes the accumulator whose block follows the rows, or null for none.</param>
public sealed record DocumentInfo(DateTime GeneratedAt, IReadOnlyList<(string Key, long Value)> Counts, Func<Quality.InteractionStatistics>? Statistics);
