using RecForge.Generation.Events;
using RecForge.Output;
using RecForge.Scenarios;

namespace RecForge.Generation;

/// <summary>What a run will produce, before running it: rows, partitions, bytes on disk and time, per table.</summary>
/// <param name="Table">Table name.</param>
/// <param name="Rows">Rows.</param>
/// <param name="Partitions">Partitions (files; hive-partitioned tables write one file per directory per partition).</param>
/// <param name="Bytes">Estimated bytes on disk.</param>
/// <param name="CpuSeconds">Estimated single-thread seconds.</param>
public sealed record RunEstimate(string Table, long Rows, int Partitions, long Bytes, double CpuSeconds)
{
    /// <summary>Estimates every selected table of a scenario.</summary>
    /// <remarks>
    /// Bytes: fixed-width vectors are incompressible (4 or 2 bytes a dimension); other columns compress to about a
    /// third of their raw width in Snappy Parquet (measured: 17.6 bytes per interaction row). Rates are the
    /// single-thread medians of docs/benchmarks.md: 1.4M interactions/s, 5,000 items/s with a float32 1024-d
    /// embedding (the embedding dominates, so the rate scales with its width), 60,000 other entities/s.
    /// </remarks>
    /// <param name="scenario">The scenario, embedding storage applied.</param>
    /// <param name="tables">Selected tables.</param>
    /// <param name="plan">All partitions of the run.</param>
    /// <param name="owned">The partitions this process writes (a shard's share, or all).</param>
    public static IReadOnlyList<RunEstimate> For(ScenarioDefinition scenario, IReadOnlyList<string> tables, IReadOnlyList<PartitionTask> plan, IReadOnlyList<PartitionTask> owned)
    {
        var result = new List<RunEstimate>();
        foreach (string table in tables)
        {
            bool events = table == scenario.Events.Table;
            EntityDefinition? entity = events ? null : scenario.EntityOfTable(table);
            DerivedTableDefinition? derived = scenario.Derived?.FirstOrDefault(d => d.Table == table);
            double share = owned.Count(t => t.Table == table) / (double)Math.Max(1, plan.Count(t => t.Table == table));
            if (derived is not null)
            {
                // Derived rows: one per category; one per (entity, value) — the mean set size; at most one per event.
                (long all, int rowBytes, double derivedRate) = derived switch
                {
                    CategoryTableDefinition c => ((long)c.Categories.Count, 12, 1e6),
                    LinkTableDefinition l => ((long)(l.Entity.Count * MeanValues(l.Attribute)), 8, 60_000),
                    _ => (scenario.Events.Count, 16, 1_400_000),
                };
                long shareRows = (long)(all * share);
                result.Add(new RunEstimate(table, shareRows, owned.Count(t => t.Table == table), shareRows * rowBytes, derived is EdgeListDefinition ? scenario.Events.Count * share / derivedRate : shareRows / derivedRate));
                continue;
            }

            TableSchema schema = events ? InteractionSampler.BuildSchema(scenario) : EntityLayout.Schema(entity!, out _);
            // A shard's rows: its share of the table's partitions (exact for entities, the average for interactions).
            long rows = (long)((events ? scenario.Events.Count : entity!.Count) * share);
            long vectorBytes = 0, otherBytes = 0;
            foreach (ColumnSpec c in schema.Columns)
            {
                (c.Kind is ColumnKind.FloatVector or ColumnKind.HalfVector ? ref vectorBytes : ref otherBytes) += c.EstimatedBytes;
            }

            int embeddingWidth = entity?.Attributes.OfType<WorldAttribute>().Where(w => w.Embedding is { Storage: not EmbeddingStorage.None })
                .Sum(w => w.Embedding!.Dimension) ?? 0;
            double rate = events ? 1_400_000 : embeddingWidth > 0 ? 5_000 * 1024.0 / embeddingWidth : 60_000;
            result.Add(new RunEstimate(table, rows, owned.Count(t => t.Table == table), rows * (vectorBytes + otherBytes / 3), rows / rate));
        }

        return result;
    }

    // Bounds read from another attribute are unknown before generation: assume the middle of the value count.
    private static double MeanValues(AttributeDefinition attribute) => attribute switch
    {
        SetAttribute s => s.MinFrom is not null || s.MaxFrom is not null ? s.Categories.Count / 4.0 : (s.Min + s.Max) / 2.0,
        InheritedAttribute i => MeanValues(i.Source),
        _ => 1,
    };
}
