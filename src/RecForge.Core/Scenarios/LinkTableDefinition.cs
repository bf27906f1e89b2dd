namespace RecForge.Scenarios;

/// <summary>
/// One row per (entity, value) of a set or categorical attribute: <c>artist_genres</c> (artist_id, genre_id). With
/// <paramref name="AffinityColumn"/>, each row also gets the entity's true affinity to the category's centroid.
/// </summary>
/// <param name="Table">Output table name.</param>
/// <param name="Entity">The entity whose attribute is exploded.</param>
/// <param name="Attribute">A set or categorical attribute of it (inherited ones included).</param>
/// <param name="Ids">The category table whose ids the rows hold.</param>
/// <param name="AffinityColumn">Column for the affinity in (0, 1), or null.</param>
internal sealed record LinkTableDefinition(string Table, EntityDefinition Entity, AttributeDefinition Attribute, CategoryTableDefinition Ids, string? AffinityColumn)
    : DerivedTableDefinition(Table);
