using RecForge.Ids;

namespace RecForge.Scenarios;

/// <summary>One generated table of entities (items or users): its size, id column and attributes in dependency order.</summary>
/// <param name="Role">"items" or "users".</param>
/// <param name="Table">Output table name.</param>
/// <param name="Count">Number of rows.</param>
/// <param name="IdColumn">Name of the id column.</param>
/// <param name="IdFormat">How ids are formed.</param>
/// <param name="Attributes">Attributes, ordered so every attribute comes after those it reads.</param>
/// <param name="PartitionBy">Attribute names for hive-style directories (<c>release_year=2019/genre=Drama/</c>).</param>
/// <param name="DeclaredOrder">Attribute names in the order the scenario lists them (the column order).</param>
public sealed record EntityDefinition(
    string Role,
    string Table,
    long Count,
    string IdColumn,
    IdFormat IdFormat,
    IReadOnlyList<AttributeDefinition> Attributes,
    IReadOnlyList<string> PartitionBy,
    IReadOnlyList<string> DeclaredOrder)
{
    /// <summary>The catalogue file the rows come from (one entity per record), or null for generated entities.</summary>
    public CatalogueFile? File { get; init; }

    /// <summary>The attribute with this name, or null.</summary>
    public AttributeDefinition? Find(string name)
    {
        foreach (AttributeDefinition a in Attributes)
        {
            if (a.Name == name)
            {
                return a;
            }
        }

        return null;
    }
}
