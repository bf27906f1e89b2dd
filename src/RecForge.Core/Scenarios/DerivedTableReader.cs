using RecForge.Ids;

namespace RecForge.Scenarios;

/// <summary>
/// Reads the <c>tables</c> section: tables derived from the entities and events.
/// <code>
/// tables:
///   genres:                 { categories: artists.genres, id: { column: genre_id, format: "G{000}" } }
///   artist_genres:          { links: artists.genres, ids: genres }
///   user_genre_preferences: { links: users.genres, ids: genres, affinity: affinity }
///   edge_list:              { edges: sessions }
/// </code>
/// </summary>
internal static class DerivedTableReader
{
    public static List<DerivedTableDefinition> Read(MappingReader r, IReadOnlyList<EntityDefinition?> entities, EventDefinition events)
    {
        var result = new List<DerivedTableDefinition>();
        var categoryTables = new Dictionary<string, CategoryTableDefinition>(StringComparer.Ordinal);
        foreach (var (table, _) in r.Entries())
        {
            MappingReader t = r.RequireMapping(table);
            if (t.String("categories") is { } categoriesOf)
            {
                (_, AttributeDefinition attribute) = Attribute(t, "categories", categoriesOf, entities);
                MappingReader? id = t.Mapping("id");
                string format = id?.String("format", "{n}") ?? "{n}";
                IdFormat idFormat;
                try
                {
                    idFormat = IdFormat.Parse(format);
                }
                catch (FormatException e)
                {
                    throw id!.Error("format", e.Message);
                }

                if (idFormat.Kind != IdKind.Pattern)
                {
                    throw id!.Error("format", "category ids are a pattern such as G{000}");
                }

                var definition = new CategoryTableDefinition(table, Categories(attribute) ?? throw t.Error("categories", $"'{categoriesOf}' is not a set or categorical attribute"),
                    id?.String("column", "id") ?? "id", idFormat, t.String("name", "name")!, t.String("weight", "weight")!);
                id?.Finish();
                categoryTables[table] = definition;
                result.Add(definition);
            }
            else if (t.String("links") is { } linksOf)
            {
                (EntityDefinition entity, AttributeDefinition attribute) = Attribute(t, "links", linksOf, entities);
                string idsName = t.RequireString("ids");
                CategoryTableDefinition ids = categoryTables.GetValueOrDefault(idsName)
                    ?? throw t.Error("ids", $"'{idsName}' is not a categories table declared above");
                IReadOnlyList<Category>? categories = Categories(attribute);
                if (categories is null || !categories.Select(c => c.Value).SequenceEqual(ids.Categories.Select(c => c.Value)))
                {
                    throw t.Error("links", $"'{linksOf}' must be a set or categorical attribute with the categories of '{idsName}'");
                }

                result.Add(new LinkTableDefinition(table, entity, attribute, ids, t.String("affinity")));
            }
            else if (t.String("edges") is { } edgesOf)
            {
                if (edgesOf != events.Table)
                {
                    throw t.Error("edges", $"expected the events table '{events.Table}', got '{edgesOf}'");
                }

                result.Add(new EdgeListDefinition(table));
            }
            else
            {
                throw t.Error("expected one of categories: <table>.<attribute>, links: <table>.<attribute>, edges: <events table>");
            }

            t.Finish();
        }

        r.Finish();
        return result;
    }

    private static IReadOnlyList<Category>? Categories(AttributeDefinition attribute) => attribute switch
    {
        SetAttribute s => s.Categories,
        CategoryAttribute c => c.Categories,
        InheritedAttribute i => Categories(i.Source),
        _ => null,
    };

    private static (EntityDefinition, AttributeDefinition) Attribute(MappingReader t, string key, string text, IReadOnlyList<EntityDefinition?> entities)
    {
        int dot = text.IndexOf('.', StringComparison.Ordinal);
        EntityDefinition? entity = dot > 0 ? entities.FirstOrDefault(e => e?.Table == text[..dot]) : null;
        AttributeDefinition? attribute = entity?.Find(text[(dot + 1)..]);
        return entity is null || attribute is null
            ? throw t.Error(key, $"expected <entity table>.<attribute> (tables: {string.Join(", ", entities.OfType<EntityDefinition>().Select(e => e.Table))}), got '{text}'")
            : (entity, attribute);
    }
}
