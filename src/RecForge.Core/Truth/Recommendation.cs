namespace RecForge.Truth;

/// <summary>One line of a recommendations file: a user, an item and its place in the user's list.</summary>
/// <param name="User">The user's id, as text.</param>
/// <param name="Item">The item's id, as text.</param>
/// <param name="Order">The item's place: its rank (1 first), or its negated score, so that lower comes first.</param>
/// <param name="Row">The line or row the recommendation came from (for error messages; equal scores keep this order).</param>
/// <param name="FromScore">Whether <paramref name="Order"/> is a negated score (equal scores are allowed) rather than a rank (which must be distinct).</param>
public readonly record struct Recommendation(string User, string Item, double Order, long Row, bool FromScore = false);
