using System.Globalization;
using RecForge.Output;
using RecForge.Scenarios;
using RecForge.World;

namespace RecForge.Generation;

/// <summary>Writes one partition (a range of items, users, or the interactions of a user range) to its file(s).</summary>
internal static class PartitionWriter
{
    /// <summary>Rows per batch handed to writers (fewer for wide rows so a batch stays near 8 MB).</summary>
    public const int BatchRows = 8192;

    public static IReadOnlyList<WrittenFile> Write(WorldModel world, ItemCatalog? catalog, ActivityPlan? activity, PartitionTask task, string root, GenerateOptions options, Action<long> progress)
        => task.Table == world.Scenario.Events.Table
            ? WriteInteractions(world, catalog!, activity!, task, root, options, progress)
            : WriteEntities(world, task, root, options, progress);

    private static IReadOnlyList<WrittenFile> WriteEntities(WorldModel world, PartitionTask task, string root, GenerateOptions options, Action<long> progress)
    {
        EntityDefinition entity = task.Table == world.Scenario.Items.Table ? world.Scenario.Items : world.Scenario.Users;
        var sampler = new EntityRowSampler(entity, world);
        var batch = new ColumnBatch(sampler.Schema, BatchSize(sampler.Schema));
        var document = new DocumentInfo(GeneratedAt(world.Scenario, options), [("num_" + entity.Table, task.End - task.Start)], null);
        using ITableWriter writer = Open(sampler.Schema, entity.PartitionBy, task, root, options, world.Scenario.Output, document);
        for (long i = task.Start; i < task.End; i++)
        {
            sampler.Write(i, batch, batch.Count++);
            if (batch.Count == batch.Capacity)
            {
                Flush(writer, batch, progress, options.Cancellation);
            }
        }

        Flush(writer, batch, progress, options.Cancellation);
        return writer.Complete();
    }

    private static IReadOnlyList<WrittenFile> WriteInteractions(WorldModel world, ItemCatalog catalog, ActivityPlan activity, PartitionTask task, string root, GenerateOptions options, Action<long> progress)
    {
        var sampler = new InteractionSampler(world, catalog);
        var batch = new ColumnBatch(sampler.Schema, BatchSize(sampler.Schema));
        ScenarioDefinition scenario = world.Scenario;
        var document = new DocumentInfo(GeneratedAt(scenario, options),
            [("num_users", scenario.Users.Count), ("num_items", scenario.Items.Count), ("num_interactions", activity.RowsBefore(task.End) - activity.RowsBefore(task.Start))],
            () => new Quality.InteractionStatistics(Quality.ScenarioColumns.For(scenario)) { TotalUsers = scenario.Users.Count, TotalItems = scenario.Items.Count });
        using ITableWriter writer = Open(sampler.Schema, [], task, root, options, scenario.Output, document);
        var counting = new CountingWriter(writer, progress, options.Cancellation);
        for (long u = task.Start; u < task.End; u++)
        {
            sampler.Generate(u, activity.RowsOf(u), batch, counting);
        }

        Flush(counting, batch, _ => { }, options.Cancellation);
        return writer.Complete();
    }

    private static void Flush(ITableWriter writer, ColumnBatch batch, Action<long> progress, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        if (batch.Count > 0)
        {
            writer.Write(batch);
            progress(batch.Count);
            batch.Count = 0;
        }
    }

    // A JSON document's generated_at is part of the file's bytes, so by default it is the end of the event period
    // (the moment the synthetic log was "exported"), keeping reruns byte-identical; --generated-at sets a real time.
    private static DateTime GeneratedAt(ScenarioDefinition scenario, GenerateOptions options)
        => options.GeneratedAt ?? scenario.Events.StartDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddDays(scenario.Events.Days);

    private static ITableWriter Open(TableSchema schema, IReadOnlyList<string> partitionBy, PartitionTask task, string root, GenerateOptions options, OutputDefinition output, DocumentInfo document)
    {
        // Row groups of ~1M rows for narrow tables; wide rows (embeddings) are capped near 64 MB per row group.
        int rowGroup = Math.Max(1024, Math.Min(output.RowGroupRows, (64 << 20) / Math.Max(1, schema.EstimatedRowBytes)));
        var writerOptions = new TableWriterOptions(rowGroup, document);
        string name = FileName(task.Index);
        string directory = Path.Combine(root, task.Table);
        return partitionBy.Count > 0
            ? new HivePartitionedWriter(options.Format, directory, name, schema, partitionBy, writerOptions)
            : options.Format.Create(Path.Combine(directory, name + options.Format.Extension), schema, writerOptions);
    }

    /// <summary>The file name (without extension) of partition <paramref name="index"/>.</summary>
    public static string FileName(int index) => "part-" + index.ToString("D5", CultureInfo.InvariantCulture);

    private static int BatchSize(TableSchema schema) => Math.Clamp((8 << 20) / Math.Max(1, schema.EstimatedRowBytes), 256, BatchRows);

    private sealed class CountingWriter(ITableWriter inner, Action<long> progress, CancellationToken cancellation) : ITableWriter
    {
        public void Write(ColumnBatch batch)
        {
            cancellation.ThrowIfCancellationRequested();
            inner.Write(batch);
            progress(batch.Count);
        }

        public IReadOnlyList<WrittenFile> Complete() => inner.Complete();

        public void Dispose() => inner.Dispose();
    }
}
