namespace RecForge.Scenarios;

/// <summary>
/// A part of a template: a literal, <c>{attribute}</c> (the attribute's value, its last taxonomy level for a
/// taxonomy) or <c>{attribute.words}</c> (a word drawn from the vocabulary list <c>words</c> of the attribute's
/// category, or of its taxonomy group). A <c>:lower</c> suffix lower-cases the inserted text.
/// </summary>
internal sealed record TemplatePart(string? Literal, CategoryAttribute? Attribute, AttributeDefinition? Plain, string? WordClass, IReadOnlyList<IReadOnlyList<string>>? Words, bool Lower = false);
