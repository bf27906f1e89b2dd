namespace RecForge.Scenarios;

/// <summary>One value of a categorical attribute with its weight and optional properties (numbers, texts or number lists).</summary>
/// <param name="Value">The value as written to the table (for taxonomies the full path, "Action &gt; Martial Arts").</param>
/// <param name="Weight">Relative weight.</param>
/// <param name="Group">For taxonomies, the top-level category; otherwise the value itself.</param>
/// <param name="Properties">Named properties readable from expressions as <c>attribute.property</c>.</param>
public sealed record Category(string Value, double Weight, string Group, IReadOnlyDictionary<string, object> Properties);
