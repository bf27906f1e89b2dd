using System.Globalization;
using RecForge.Scenarios;

namespace RecForge.Generation;

/// <summary>
/// The sizes a run can plan: counts past these are refused up front with the limit, instead of exhausting memory or
/// looping while the plan is built.
/// </summary>
internal static class PlanLimits
{
    /// <summary>Most rows of one entity table: entity indexes are array indexes (per-item values, user activity).</summary>
    public const long MaxEntities = int.MaxValue - 1;

    /// <summary>Most partitions of one run (the plan and the ledger hold one record each).</summary>
    public const long MaxPartitions = 1_000_000;

    /// <summary>Refuses a scenario whose sizes cannot be planned, or whose in-memory tables do not fit in memory.</summary>
    /// <exception cref="ScenarioException">A count is past a limit; the message names it and the limit.</exception>
    public static void Check(ScenarioDefinition scenario, long? availableBytes = null)
    {
        var c = CultureInfo.InvariantCulture;
        long partitions = 0;
        foreach (EntityDefinition entity in scenario.Entities)
        {
            if (entity.Count > MaxEntities)
            {
                throw new ScenarioException(string.Create(c, $"{scenario.Name}: {entity.Role}.count ({entity.Count:N0}) is more than RecForge can plan ({MaxEntities:N0} at most)"));
            }

            partitions += (entity.Count + scenario.Output.PartitionRows - 1) / scenario.Output.PartitionRows;
        }

        if (scenario.Events.DistinctItems && scenario.Events.Count > (double)scenario.Users.Count * scenario.Items.Count)
        {
            throw new ScenarioException(string.Create(c,
                $"{scenario.Name}: events.count ({scenario.Events.Count:N0}) is more than users × items ({scenario.Users.Count:N0} × {scenario.Items.Count:N0}) with one event per user–item pair (distinct_items); raise --users or --items"));
        }

        // Interaction partitions are user ranges, as DatasetGenerator.Plan cuts them.
        long userRange = DatasetGenerator.InteractionUserRange(scenario);
        partitions += (scenario.Users.Count + userRange - 1) / userRange;
        if (partitions > MaxPartitions)
        {
            throw new ScenarioException(string.Create(c,
                $"{scenario.Name}: the run would have {partitions:N0} partitions, more than {MaxPartitions:N0}; raise output.partition_rows (now {scenario.Output.PartitionRows:N0})"));
        }

        // What generation keeps in memory for the whole run: each user's activity share (8 bytes), each creator's
        // position, per-item values that events copy or read (8 bytes each), the cached item positions.
        double dimensions = scenario.World.Dimensions;
        double perItem = 8.0 * (scenario.Events.ItemColumns.Count + (scenario.Events.Rating?.Model?.ItemBias is null ? 0 : 1) + (scenario.Events.Play is null ? 0 : 1));
        double bytes = (16.0 * scenario.Users.Count) + (perItem * scenario.Items.Count)
            + (4.0 * dimensions * Math.Min(scenario.Items.Count, ItemCatalog.DefaultCachedItems))
            + (4.0 * dimensions * (scenario.Creators?.Count ?? 0));
        long available = availableBytes ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (bytes > available)
        {
            throw new ScenarioException(string.Create(c,
                $"{scenario.Name}: {scenario.Users.Count:N0} users and {scenario.Items.Count:N0} items need about {bytes / 1073741824:N1} GB of memory for the run, more than the {available / 1073741824.0:N1} GB available"));
        }
    }
}
