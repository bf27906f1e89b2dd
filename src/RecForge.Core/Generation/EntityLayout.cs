using RecForge.Ids;
using RecForge.Output;
using RecForge.Scenarios;

namespace RecForge.Generation;

/// <summary>The output schema of an entity table: the id column, then output attributes in declared order.</summary>
internal static class EntityLayout
{
    /// <summary>The column kind of ids in this format.</summary>
    public static ColumnKind IdKind(IdFormat format) => format.Kind switch
    {
        Ids.IdKind.Int64 => ColumnKind.Int64,
        Ids.IdKind.Uuid => ColumnKind.Uuid,
        _ => ColumnKind.String,
    };

    /// <summary>Builds the schema; <paramref name="columnOfSlot"/> receives each attribute slot's column or -1.</summary>
    public static TableSchema Schema(EntityDefinition entity, out int[] columnOfSlot)
    {
        var columns = new List<ColumnSpec> { new(entity.IdColumn, IdKind(entity.IdFormat)) };
        columnOfSlot = new int[entity.Attributes.Count];
        Array.Fill(columnOfSlot, -1);
        foreach (string name in entity.DeclaredOrder)
        {
            AttributeDefinition a = entity.Find(name)!;
            if (!a.Output)
            {
                continue;
            }

            columnOfSlot[a.Slot] = columns.Count;
            columns.Add(Column(a));
        }

        return new TableSchema(entity.Table, columns);
    }

    /// <summary>The column an attribute is written as.</summary>
    public static ColumnSpec Column(AttributeDefinition a) => a switch
    {
        NumberAttribute n => new(a.Name, n.Integer ? ColumnKind.Int64 : ColumnKind.Double),
        CategoryAttribute or TextAttribute => new(a.Name, ColumnKind.String),
        SetAttribute => new(a.Name, ColumnKind.StringList),
        ExpressionAttribute e => new(a.Name, e.Expression.IsText ? ColumnKind.String : e.Integer ? ColumnKind.Int64 : ColumnKind.Double),
        JsonAttribute => new(a.Name, ColumnKind.Json),
        VectorAttribute v => new(a.Name, ColumnKind.FloatVector, v.Dimension),
        WorldAttribute { Kind: WorldValueKind.Popularity } => new(a.Name, ColumnKind.Double),
        WorldAttribute { Kind: WorldValueKind.TasteClusters } => new(a.Name, ColumnKind.StringList),
        WorldAttribute { Kind: WorldValueKind.TasteCluster } => new(a.Name, ColumnKind.String),
        WorldAttribute { Kind: WorldValueKind.Creator } w => new(a.Name, IdKind(w.Creator!.IdFormat)),
        InheritedAttribute i => Column(i.Source) with { Name = a.Name },
        ColumnAttribute c => new(a.Name, c.Integers is not null ? ColumnKind.Int64 : c.Numbers is not null ? ColumnKind.Double : c.Lists is not null ? ColumnKind.StringList : ColumnKind.String),
        WorldAttribute { Kind: WorldValueKind.PreferenceProfile } w => new(a.Name, ColumnKind.FloatVector, w.Profile!.Dimension),
        WorldAttribute { Kind: WorldValueKind.Embedding } w => new(a.Name, w.Embedding!.Storage == EmbeddingStorage.Float16 ? ColumnKind.HalfVector : ColumnKind.FloatVector, w.Embedding.Dimension),
        _ => throw new NotSupportedException(a.GetType().Name),
    };
}
