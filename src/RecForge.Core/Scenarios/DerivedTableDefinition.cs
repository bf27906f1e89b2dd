using RecForge.Ids;

namespace RecForge.Scenarios;

/// <summary>A table derived from the entities or the events rather than generated row by row (declared under <c>tables:</c>).</summary>
/// <param name="Table">Output table name.</param>
public abstract record DerivedTableDefinition(string Table);

/// <summary>The categories of an attribute as a table: an id, the name and the weight (<c>genres</c>: G001, Rock, 0.12).</summary>
/// <param name="Table">Output table name.</param>
/// <param name="Categories">The categories, in declaration order (ids follow it).</param>
/// <param name="IdColumn">Id column name.</param>
/// <param name="IdFormat">Id format, applied to the category's position.</param>
/// <param name="NameColumn">Name column.</param>
/// <param name="WeightColumn">Weight column (the configured share).</param>
public sealed record CategoryTableDefinition(string Table, IReadOnlyList<Category> Categories, string IdColumn, IdFormat IdFormat, string NameColumn, string WeightColumn)
    : DerivedTableDefinition(Table)
{
    /// <summary>The id of category <paramref name="index"/> as text.</summary>
    public string IdOf(int index) => IdFormat.Format(index);
}

/// <summary>
/// One row per (entity, value) of a set or categorical attribute: <c>artist_genres</c> (artist_id, genre_id). With
/// <paramref name="AffinityColumn"/>, each row also gets the entity's true affinity to the category's centroid.
/// </summary>
/// <param name="Table">Output table name.</param>
/// <param name="Entity">The entity whose attribute is exploded.</param>
/// <param name="Attribute">A set or categorical attribute of it (inherited ones included).</param>
/// <param name="Ids">The category table whose ids the rows hold.</param>
/// <param name="AffinityColumn">Column for the affinity in (0, 1), or null.</param>
public sealed record LinkTableDefinition(string Table, EntityDefinition Entity, AttributeDefinition Attribute, CategoryTableDefinition Ids, string? AffinityColumn)
    : DerivedTableDefinition(Table);

/// <summary>
/// The events aggregated per (user, item): count, total and mean of a duration-like column, skip ratio, first and last
/// time — a weighted bipartite edge list for graph learning.
/// </summary>
/// <param name="Table">Output table name.</param>
public sealed record EdgeListDefinition(string Table) : DerivedTableDefinition(Table);
