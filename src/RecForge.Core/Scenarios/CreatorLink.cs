namespace RecForge.Scenarios;

/// <summary>
/// How items are spread over creators: item of popularity rank r (of n) goes to the creator of rank
/// ⌈c · ((r − ½)/n)^<paramref name="Skew"/> · e^(<paramref name="Noise"/> · z)⌉ (clamped), so top items mostly belong to top creators and
/// a skew above 1 gives popular creators more items.
/// </summary>
internal sealed record CreatorLink(double Skew, double Noise, Ids.IdFormat IdFormat);
