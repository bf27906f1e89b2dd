using RecForge.Generation.Events;
using RecForge.Output;
using RecForge.Scenarios;

namespace RecForge.Truth;

/// <summary>The columns of the ground-truth tables.</summary>
internal static class TruthSchemas
{
    /// <summary>The columns of <paramref name="table"/> for <paramref name="scenario"/>.</summary>
    public static TableSchema Of(ScenarioDefinition scenario, TruthTableDefinition table)
    {
        int d = scenario.World.Dimensions;
        IReadOnlyList<ColumnSpec> events = InteractionSampler.BuildSchema(scenario).Columns;
        ColumnSpec user = events[0], item = events[1];
        List<ColumnSpec> columns = table.Kind switch
        {
            TruthKind.Users =>
            [
                user, new("position", ColumnKind.FloatVector, d), new("clusters", ColumnKind.StringList), new("cluster_weights", ColumnKind.Json),
                new("activity", ColumnKind.Int64), new("popularity_bias", ColumnKind.Double),
                .. scenario.Events.Rating?.Model is null ? Array.Empty<ColumnSpec>() : [new("rating_bias", ColumnKind.Double), new("rating_noise", ColumnKind.Double)],
            ],
            TruthKind.Interests => [user, new("interest", ColumnKind.Int64), new("cluster", ColumnKind.String), new("weight", ColumnKind.Double), new("position", ColumnKind.FloatVector, d)],
            TruthKind.Items =>
            [
                item, new("position", ColumnKind.FloatVector, d), new("popularity_rank", ColumnKind.Int64), new("popularity", ColumnKind.Double),
                new("popularity_share", ColumnKind.Double),
                .. scenario.Events.Rating?.Model?.ItemBias is null ? Array.Empty<ColumnSpec>() : [new ColumnSpec("item_bias", ColumnKind.Double)],
            ],
            TruthKind.Events =>
            [
                user, item, .. scenario.Events.Columns.Type is { } type ? [new ColumnSpec(type, ColumnKind.String)] : Array.Empty<ColumnSpec>(),
                events[^1], new("pick_source", ColumnKind.String), new("true_affinity", ColumnKind.Double),
            ],
            _ => [user, new("rank", ColumnKind.Int64), item, new("probability", ColumnKind.Double), new("true_affinity", ColumnKind.Double)],
        };
        return new TableSchema(table.Table, columns);
    }
}
