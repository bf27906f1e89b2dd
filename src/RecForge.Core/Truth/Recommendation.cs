namespace RecForge.Truth;

/// <summary>One line of a recommendations file: a user, an item and its place in the user's list.</summary>
/// <param name="User">The user's id, as text.</param>
/// <param name="Item">The item's id, as text.</param>
/// <param name="Order">The item's place: its rank (1 first), or its negated score, so that lower comes first.</param>
/// <param name="Row">The 1-based data row the line came from (for error messages).</param>
public readonly record struct Recommendation(string User, string Item, double Order, long Row);
