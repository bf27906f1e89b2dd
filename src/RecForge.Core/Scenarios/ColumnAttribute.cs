namespace RecForge.Scenarios;

/// <summary>
/// A value read from the entity's catalogue file (<c>{ column: title }</c>): integers, numbers, texts, or lists when
/// the texts are split on a separator (MovieLens genres <c>Comedy|Drama</c>). Exactly one of the arrays is set.
/// </summary>
internal sealed record ColumnAttribute(string Name, bool Output, int Slot, string Column, long[]? Integers, double[]? Numbers, string[]? Texts, string[][]? Lists)
    : AttributeDefinition(Name, Output, Slot);
