namespace RecForge.Scenarios;

/// <summary>
/// A set of distinct categories (a string list) of size min..max, drawn by weight without replacement.
/// <paramref name="LatentWeight"/> &gt; 0 puts the entity at the mean of its categories' centroids (an artist of rock and
/// blues between the two). <paramref name="Lean"/> tilts the weights toward popular categories for popular entities:
/// weight^(1 + lean × p), p = 1 for the most popular entity down to 0 for the least. <paramref name="MinFrom"/>/<paramref name="MaxFrom"/> read the bounds from a number
/// property of another attribute's category (e.g. <c>user_type.min_genres</c>).
/// </summary>
internal sealed record SetAttribute(string Name, bool Output, int Slot, IReadOnlyList<Category> Categories, double[] Weights, int Min, int Max,
    double LatentWeight = 0, double Lean = 0, (int Slot, string Property)? MinFrom = null, (int Slot, string Property)? MaxFrom = null)
    : AttributeDefinition(Name, Output, Slot);
