using System.Globalization;
using RecForge.Generation.Events;
using RecForge.Output;
using RecForge.Scenarios;
using RecForge.World;

namespace RecForge.Generation;

/// <summary>Writes one partition of a derived table (categories, links, edge lists, ground truth) to its file(s), and opens the files of entity and interaction partitions.</summary>
internal static class PartitionWriter
{
    /// <summary>Rows per batch handed to writers (fewer for wide rows so a batch stays near 8 MB).</summary>
    public const int BatchRows = 8192;

    public static IReadOnlyList<WrittenFile> Write(WorldModel world, ItemCatalog? catalog, ActivityPlan? activity, PartitionTask task, string root, GenerateOptions options, Action<long> progress)
    {
        return world.Scenario.Derived!.First(d => d.Table == task.Table) switch
        {
            CategoryTableDefinition c => WriteCategories(world, c, task, root, options, progress),
            LinkTableDefinition l => WriteLinks(world, l, task, root, options, progress),
            Truth.TruthTableDefinition t => WriteTruth(world, catalog!, activity!, t, task, root, options, progress),
            _ => WriteEdges(world, catalog!, activity!, task, root, options, progress),
        };
    }

    private static IReadOnlyList<WrittenFile> WriteCategories(WorldModel world, CategoryTableDefinition table, PartitionTask task, string root, GenerateOptions options, Action<long> progress)
    {
        TableSchema schema = TableSchemas.Categories(table);
        var batch = new ColumnBatch(schema, table.Categories.Count);
        double total = table.Categories.Sum(c => c.Weight);
        for (int i = 0; i < table.Categories.Count; i++)
        {
            batch.Column<string>(0)[i] = table.IdOf(i);
            batch.Column<string>(1)[i] = table.Categories[i].Value;
            batch.Column<double>(2)[i] = table.Categories[i].Weight / total;
        }

        batch.Count = table.Categories.Count;
        var document = new DocumentInfo(GeneratedAt(world.Scenario, options), [("num_" + table.Table, batch.Count)], null);
        using ITableWriter writer = Open(schema, [], task, root, options, world.Scenario.Output, document);
        Flush(writer, batch, progress, options.Cancellation);
        return writer.Complete();
    }

    // One row per (entity, category) of a set or categorical attribute, with the entity's true affinity to the
    // category's centroid when asked (a listener's genre preferences).
    private static IReadOnlyList<WrittenFile> WriteLinks(WorldModel world, LinkTableDefinition table, PartitionTask task, string root, GenerateOptions options, Action<long> progress)
    {
        EntityDefinition entity = table.Entity;
        TableSchema schema = TableSchemas.Links(table);
        var batch = new ColumnBatch(schema, BatchRows);
        var sampler = new EntityRowSampler(entity, world);
        AttributeDefinition root0 = table.Attribute is InheritedAttribute inherited ? inherited.Source : table.Attribute;
        float[][] centroids = world.CentroidsByName(root0.Name, table.Ids.Categories);
        var position = new float[world.Dimensions];
        var clusters = new int[world.Scenario.World.Clusters.Count];
        ulong kind = entity.Role switch { "items" => WorldModel.ItemsKind, "users" => WorldModel.UsersKind, _ => WorldModel.CreatorsKind };
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < table.Ids.Categories.Count; i++)
        {
            index[table.Ids.Categories[i].Value] = i;
        }

        var document = new DocumentInfo(GeneratedAt(world.Scenario, options), [("num_" + entity.Table, task.End - task.Start)], null);
        using ITableWriter writer = Open(schema, [], task, root, options, world.Scenario.Output, document);
        for (long e = task.Start; e < task.End; e++)
        {
            Cell cell = sampler.CellOf(e, table.Attribute);
            string[] values = cell.List ?? [cell.Text!];
            if (table.AffinityColumn is not null)
            {
                EntityPosition(world, sampler, entity, e, position, clusters);
            }

            Ids.IdValue id = Ids.IdValue.Of(entity.IdFormat, world.Seed, kind, e);
            foreach (string value in values)
            {
                int row = batch.Count;
                id.WriteTo(batch.Columns[0], row);
                int category = index[value];
                batch.Column<string>(1)[row] = table.Ids.IdOf(category);
                if (table.AffinityColumn is not null)
                {
                    batch.Column<double>(2)[row] = world.Affinity(position, centroids[category]);
                }

                if (++batch.Count == batch.Capacity)
                {
                    Flush(writer, batch, progress, options.Cancellation);
                }
            }
        }

        Flush(writer, batch, progress, options.Cancellation);
        return writer.Complete();
    }

    private static void EntityPosition(WorldModel world, EntityRowSampler sampler, EntityDefinition entity, long index, Span<float> position, int[] clusters)
    {
        if (entity.Role == "items")
        {
            world.ItemPosition(index, position);
        }
        else if (entity.Role == "creators" || world.LatentUsers)
        {
            sampler.LatentPosition(index, position);
        }
        else
        {
            world.UserTaste(index, position, clusters);
        }
    }

    // The edge list of a user range: the same interactions, regenerated (they are a pure function of the range) and
    // aggregated instead of written.
    private static IReadOnlyList<WrittenFile> WriteEdges(WorldModel world, ItemCatalog catalog, ActivityPlan activity, PartitionTask task, string root, GenerateOptions options, Action<long> progress)
    {
        var sampler = new InteractionSampler(world, catalog);
        var batch = new ColumnBatch(sampler.Schema, BatchSize(sampler.Schema));
        TableSchema edgeSchema = EdgeListWriter.BuildSchema(world.Scenario);
        var document = new DocumentInfo(GeneratedAt(world.Scenario, options), [("num_users", task.End - task.Start)], null);
        using var edges = new EdgeListWriter(world.Scenario, sampler.Schema, Open(edgeSchema, [], task, root, options, world.Scenario.Output, document));
        for (long u = task.Start; u < task.End; u++)
        {
            sampler.Generate(u, activity.RowsOf(u), batch, edges);
        }

        if (batch.Count > 0)
        {
            edges.Write(batch);
            batch.Count = 0;
        }

        progress(task.End - task.Start);
        return edges.Complete();
    }

    private static IReadOnlyList<WrittenFile> WriteTruth(WorldModel world, ItemCatalog catalog, ActivityPlan activity, Truth.TruthTableDefinition table, PartitionTask task, string root, GenerateOptions options, Action<long> progress)
    {
        TableSchema schema = Truth.TruthSchemas.Of(world.Scenario, table);
        var document = new DocumentInfo(GeneratedAt(world.Scenario, options), [("num_rows", 0)], null);
        using ITableWriter writer = Open(schema, [], task, root, options, world.Scenario.Output, document);
        Truth.TruthTableWriter.Write(world, catalog, activity, table, task, writer, progress, options.Cancellation);
        return writer.Complete();
    }

    /// <summary>Opens the file(s) of an entity partition (<see cref="PartitionRunner"/> writes its rows).</summary>
    public static ITableWriter OpenEntities(WorldModel world, EntityDefinition entity, TableSchema schema, PartitionTask task, string root, GenerateOptions options)
    {
        var document = new DocumentInfo(GeneratedAt(world.Scenario, options), [("num_" + entity.Table, task.End - task.Start)], null);
        return Open(schema, entity.PartitionBy, task, root, options, world.Scenario.Output, document);
    }

    /// <summary>Opens the file of an interactions partition (<see cref="PartitionRunner"/> writes its rows).</summary>
    public static ITableWriter OpenInteractions(WorldModel world, ActivityPlan activity, TableSchema schema, PartitionTask task, string root, GenerateOptions options)
    {
        ScenarioDefinition scenario = world.Scenario;
        var document = new DocumentInfo(GeneratedAt(scenario, options),
            [("num_users", scenario.Users.Count), ("num_items", scenario.Items.Count), ("num_interactions", activity.RowsBefore(task.End) - activity.RowsBefore(task.Start))],
            () => Quality.InteractionStatistics.For(scenario));
        return Open(schema, [], task, root, options, scenario.Output, document);
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

    /// <summary>Rows per batch for <paramref name="schema"/>: about 8 MB.</summary>
    internal static int BatchSize(TableSchema schema) => Math.Clamp((8 << 20) / Math.Max(1, schema.EstimatedRowBytes), 256, BatchRows);
}
