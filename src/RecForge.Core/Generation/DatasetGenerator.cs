using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using RecForge.Output;
using RecForge.Scenarios;
using RecForge.World;

namespace RecForge.Generation;

/// <summary>
/// Runs a scenario: plans partitions (item ranges, user ranges, and the interactions of each user range), generates
/// them on worker threads, each into its own file, and writes the manifest.
/// </summary>
/// <remarks>
/// Every partition is a pure function of the scenario and its range, so the files are byte-identical whatever the
/// thread count or the order in which partitions finish.
/// </remarks>
public static class DatasetGenerator
{
    /// <summary>Rows per batch handed to writers (fewer for wide rows so a batch stays near 8 MB).</summary>
    public const int BatchRows = 8192;

    /// <summary>The version recorded in manifests.</summary>
    public static string Version { get; } = typeof(DatasetGenerator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Generates every table of <paramref name="scenario"/>.</summary>
    /// <exception cref="ScenarioException">The sizes are inconsistent.</exception>
    /// <exception cref="OutputException">The output directory cannot be written.</exception>
    public static Manifest Run(ScenarioDefinition scenario, GenerateOptions options)
    {
        if (scenario.Events.Count < scenario.Users.Count)
        {
            throw new ScenarioException($"{scenario.Name}: events.count ({scenario.Events.Count}) must be at least users.count ({scenario.Users.Count}) so that every user has an event");
        }

        string[] tables = [.. new[] { scenario.Items.Table, scenario.Users.Table, scenario.Events.Table }.Where(t => options.Tables?.Contains(t) ?? true)];
        if (options.Tables?.FirstOrDefault(t => !tables.Contains(t)) is { } unknown)
        {
            throw new ScenarioException($"{scenario.Name}: no table '{unknown}' (tables: {scenario.Items.Table}, {scenario.Users.Table}, {scenario.Events.Table})");
        }

        string root = Path.GetFullPath(options.OutputDirectory);
        PrepareDirectory(root, tables);
        var world = new WorldModel(scenario);
        bool events = tables.Contains(scenario.Events.Table);
        ItemCatalog? catalog = events ? new ItemCatalog(world, options.Threads, options.Cancellation) : null;
        ActivityPlan? activity = events ? new ActivityPlan(world) : null;
        List<PartitionTask> tasks = [.. Plan(scenario).Where(t => tables.Contains(t.Table))];
        long totalRows = (tables.Contains(scenario.Items.Table) ? scenario.Items.Count : 0)
            + (tables.Contains(scenario.Users.Table) ? scenario.Users.Count : 0)
            + (events ? scenario.Events.Count : 0);
        long done = 0;
        var files = new List<(string Table, WrittenFile File)>();
        var gate = new object();
        try
        {
            Parallel.ForEach(tasks, new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = options.Cancellation }, task =>
            {
                var progress = new Action<long>(rows =>
                {
                    long now = Interlocked.Add(ref done, rows);
                    options.Progress?.Report(new GenerationProgress(now, totalRows));
                });
                IReadOnlyList<WrittenFile> written = task.Table == scenario.Events.Table
                    ? WriteInteractions(world, catalog!, activity!, task, root, options, progress)
                    : WriteEntities(world, task, root, options, progress);
                lock (gate)
                {
                    files.AddRange(written.Select(f => (task.Table, f)));
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0 && e.InnerExceptions[0] is IOException or UnauthorizedAccessException)
        {
            throw Describe(e.InnerExceptions[0], root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Describe(e, root);
        }

        var manifest = new Manifest(
            Version,
            scenario.Name,
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scenario.Source))),
            scenario.Seed,
            options.Format.Name,
            [.. tables.Select(table =>
            {
                var tableFiles = files.Where(f => f.Table == table)
                    .Select(f => new ManifestFile(Path.GetRelativePath(root, f.File.Path).Replace('\\', '/'), f.File.Rows, f.File.Bytes, f.File.Sha256))
                    .OrderBy(f => f.Path, StringComparer.Ordinal)
                    .ToList();
                return new ManifestTable(table, tableFiles.Sum(f => f.Rows), tableFiles);
            })]);
        manifest.Save(root);
        return manifest;
    }

    /// <summary>Target interaction rows per interactions file (and so about one Parquet row group).</summary>
    public const long InteractionRowsPerPartition = 1 << 20;

    /// <summary>The partitions of a run: item ranges, user ranges, and interactions per user range.</summary>
    /// <remarks>
    /// Interaction partitions are user ranges sized to hold about <see cref="InteractionRowsPerPartition"/> rows on
    /// average, capped by <c>output.partition_rows</c> users. The plan depends only on the scenario, never on threads.
    /// </remarks>
    public static List<PartitionTask> Plan(ScenarioDefinition scenario)
    {
        long size = scenario.Output.PartitionRows;
        var tasks = new List<PartitionTask>();
        long users = scenario.Users.Count;
        long byEvents = (long)Math.Ceiling(users * (double)InteractionRowsPerPartition / scenario.Events.Count);
        long userRange = Math.Max(1, Math.Min(size, byEvents));

        // Interactions first: they are the longest, so starting them first shortens the critical path.
        for (long start = 0, k = 0; start < users; start += userRange, k++)
        {
            tasks.Add(new PartitionTask(scenario.Events.Table, (int)k, start, Math.Min(users, start + userRange)));
        }

        foreach (EntityDefinition entity in new[] { scenario.Items, scenario.Users })
        {
            for (long start = 0, k = 0; start < entity.Count; start += size, k++)
            {
                tasks.Add(new PartitionTask(entity.Table, (int)k, start, Math.Min(entity.Count, start + size)));
            }
        }

        return tasks;
    }

    private static IReadOnlyList<WrittenFile> WriteEntities(WorldModel world, PartitionTask task, string root, GenerateOptions options, Action<long> progress)
    {
        EntityDefinition entity = task.Table == world.Scenario.Items.Table ? world.Scenario.Items : world.Scenario.Users;
        var sampler = new EntityRowSampler(entity, world);
        var batch = new ColumnBatch(sampler.Schema, BatchSize(sampler.Schema));
        using ITableWriter writer = OpenWriter(sampler.Schema, entity.PartitionBy, task, root, options, world.Scenario.Output);
        for (long i = task.Start; i < task.End; i++)
        {
            sampler.Write(i, batch, batch.Count++);
            if (batch.Count == batch.Capacity)
            {
                Flush(writer, batch, progress, options);
            }
        }

        Flush(writer, batch, progress, options);
        return writer.Complete();
    }

    private static IReadOnlyList<WrittenFile> WriteInteractions(WorldModel world, ItemCatalog catalog, ActivityPlan activity, PartitionTask task, string root, GenerateOptions options, Action<long> progress)
    {
        var sampler = new InteractionSampler(world, catalog);
        var batch = new ColumnBatch(sampler.Schema, BatchSize(sampler.Schema));
        using ITableWriter writer = OpenWriter(sampler.Schema, [], task, root, options, world.Scenario.Output);
        var counting = new CountingWriter(writer, progress, options.Cancellation);
        for (long u = task.Start; u < task.End; u++)
        {
            sampler.Generate(u, activity.RowsOf(u), batch, counting);
        }

        if (batch.Count > 0)
        {
            counting.Write(batch);
            batch.Count = 0;
        }

        return writer.Complete();
    }

    private static void Flush(ITableWriter writer, ColumnBatch batch, Action<long> progress, GenerateOptions options)
    {
        options.Cancellation.ThrowIfCancellationRequested();
        if (batch.Count > 0)
        {
            writer.Write(batch);
            progress(batch.Count);
            batch.Count = 0;
        }
    }

    private static ITableWriter OpenWriter(TableSchema schema, IReadOnlyList<string> partitionBy, PartitionTask task, string root, GenerateOptions options, OutputDefinition output)
    {
        // Row groups of ~1M rows for narrow tables; wide rows (embeddings) are capped near 64 MB per row group.
        int rowGroup = Math.Max(1024, Math.Min(output.RowGroupRows, (64 << 20) / Math.Max(1, schema.EstimatedRowBytes)));
        var writerOptions = new TableWriterOptions(rowGroup);
        string name = "part-" + task.Index.ToString("D5", CultureInfo.InvariantCulture);
        string directory = Path.Combine(root, task.Table);
        return partitionBy.Count > 0
            ? new HivePartitionedWriter(options.Format, directory, name, schema, partitionBy, writerOptions)
            : options.Format.Create(Path.Combine(directory, name + options.Format.Extension), schema, writerOptions);
    }

    private static int BatchSize(TableSchema schema) => Math.Clamp((8 << 20) / Math.Max(1, schema.EstimatedRowBytes), 256, BatchRows);

    private static void PrepareDirectory(string root, string[] tables)
    {
        try
        {
            if (File.Exists(root))
            {
                throw new OutputException($"{root}: output path is a file, not a directory");
            }

            Directory.CreateDirectory(root);
            foreach (string table in tables)
            {
                // A fresh run replaces the tables it writes; other files in the directory are left alone.
                string directory = Path.Combine(root, table);
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }

            string probe = Path.Combine(root, ".recforge-write-test" + AtomicFile.TemporarySuffix);
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Describe(e, root);
        }
    }

    private static OutputException Describe(Exception e, string root)
    {
        // ENOSPC is 28 on Linux; HResult carries it for IOException raised by the runtime.
        bool diskFull = (e.HResult & 0xFFFF) == 28 || e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase);
        return new OutputException(diskFull
            ? $"{root}: disk full while writing output ({e.Message})"
            : $"{root}: cannot write output ({e.Message})", e);
    }

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

/// <summary>One unit of work: rows [Start, End) of a table's driving entity, written as file number <see cref="Index"/>.</summary>
/// <param name="Table">Table name.</param>
/// <param name="Index">Partition number (file name part-NNNNN).</param>
/// <param name="Start">First entity index.</param>
/// <param name="End">One past the last entity index.</param>
public sealed record PartitionTask(string Table, int Index, long Start, long End);
