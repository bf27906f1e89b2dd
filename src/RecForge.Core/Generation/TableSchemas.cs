using RecForge.Generation.Events;
using RecForge.Output;
using RecForge.Scenarios;

namespace RecForge.Generation;

/// <summary>The columns of every table a scenario writes: its entities, its events and its derived tables.</summary>
public static class TableSchemas
{
    /// <summary>Table name → columns, in the order generate writes them.</summary>
    public static IReadOnlyDictionary<string, TableSchema> Of(ScenarioDefinition scenario)
    {
        var schemas = new Dictionary<string, TableSchema>(StringComparer.Ordinal);
        foreach (EntityDefinition entity in scenario.Entities)
        {
            schemas[entity.Table] = EntityLayout.Schema(entity, out _);
        }

        schemas[scenario.Events.Table] = InteractionSampler.BuildSchema(scenario);
        foreach (DerivedTableDefinition derived in scenario.Derived ?? [])
        {
            schemas[derived.Table] = derived switch
            {
                CategoryTableDefinition c => Categories(c),
                LinkTableDefinition l => Links(l),
                Truth.TruthTableDefinition t => Truth.TruthSchemas.Of(scenario, t),
                _ => EdgeListWriter.BuildSchema(scenario),
            };
        }

        return schemas;
    }

    /// <summary>A category list: id, name, weight.</summary>
    internal static TableSchema Categories(CategoryTableDefinition table)
        => new(table.Table, [new(table.IdColumn, ColumnKind.String), new(table.NameColumn, ColumnKind.String), new(table.WeightColumn, ColumnKind.Double)]);

    /// <summary>A link table: the entity's id, the category's id and, when asked, the entity's true affinity to it.</summary>
    internal static TableSchema Links(LinkTableDefinition table)
    {
        EntityDefinition entity = table.Entity;
        var columns = new List<ColumnSpec> { new(entity.IdColumn, EntityLayout.IdKind(entity.IdFormat)), new(table.Ids.IdColumn, ColumnKind.String) };
        if (table.AffinityColumn is { } affinityColumn)
        {
            columns.Add(new(affinityColumn, ColumnKind.Double));
        }

        return new TableSchema(table.Table, columns);
    }
}
