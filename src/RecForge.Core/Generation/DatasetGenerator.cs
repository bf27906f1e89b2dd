using System.Collections.Concurrent;
using System.Reflection;
using RecForge.Output;
using RecForge.Scenarios;
using RecForge.Text;
using RecForge.World;

namespace RecForge.Generation;

/// <summary>
/// Runs a scenario: plans partitions (item ranges, user ranges, and the interactions of each user range), generates
/// those not yet finished on worker threads, each into its own file(s), records each finished partition in the
/// <see cref="PartitionLedger"/>, and writes the manifest.
/// </summary>
/// <remarks>
/// Every partition is a pure function of the scenario and its range, so the files are byte-identical whatever the
/// thread count, the shard split, the order in which partitions finish, or how often the run was interrupted.
/// Memory is bounded per worker by one batch (≤ 8 MB) and one Parquet row group (≤ ~1M rows or ~64 MB), plus what
/// the whole run shares: item taste positions (items × latent dimensions × 4 bytes) and user activity prefix sums
/// (users × 8 bytes) — neither grows with the number of interactions.
/// </remarks>
public static class DatasetGenerator
{
    /// <summary>Target interaction rows per interactions file (and so about one Parquet row group).</summary>
    public const long InteractionRowsPerPartition = 1 << 20;

    /// <summary>The version recorded in manifests.</summary>
    public static string Version { get; } = typeof(DatasetGenerator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Generates the tables of <paramref name="scenario"/> (or this shard's share of them).</summary>
    /// <exception cref="ScenarioException">The sizes are inconsistent or a table name is unknown.</exception>
    /// <exception cref="OutputException">The output directory cannot be written (including disk full).</exception>
    public static Manifest Run(ScenarioDefinition scenario, GenerateOptions options)
    {
        scenario = Truth.GroundTruth.Apply(EmbeddingStorageTransform.Apply(scenario, options.EmbeddingStorage));
        string[] tables = SelectTables(scenario, options.Tables);
        TextBlockCheck.Run(scenario, options.TextEncoder);
        string root = Path.GetFullPath(options.OutputDirectory);
        string scenarioSha = scenario.Sha256;

        // A resume must not mix partitions of another encoder; the default's key is what earlier versions wrote.
        string encoder = options.TextEncoder is null ? "" : ":text=" + options.TextEncoder.Name;
        string truth = Truth.GroundTruth.Has(scenario) ? ":truth=" + Truth.GroundTruth.TopKOf(scenario).ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        var ledger = new PartitionLedger(root, $"{scenarioSha}:{options.Format.Name}:{options.EmbeddingStorage}:{Version}{encoder}{truth}");
        List<PartitionTask> tasks = Plan(scenario, tables, options.Shard);
        var owned = tasks.Select(t => (t.Table, t.Index)).ToHashSet();
        var finished = new ConcurrentDictionary<PartitionTask, IReadOnlyList<ManifestFile>>();
        var thisRun = new ConcurrentBag<(PartitionTask Task, IReadOnlyList<ManifestFile> Files)>();
        if (File.Exists(root))
        {
            throw new OutputException($"{root}: output path is a file, not a directory");
        }

        using OutputLock folderLock = Lock(root, options.Shard);
        try
        {
            OutputDirectory.Prepare(root, tables, ledger, options.Shard, owned);
            var world = new WorldModel(scenario) { TextVectors = options.TextEncoder is null ? null : new TextVectorCache(options.TextEncoder) };
            var pending = new List<PartitionTask>();
            foreach (PartitionTask task in tasks)
            {
                if (ledger.Completed(task.Table, task.Index) is { } files)
                {
                    finished[task] = files;
                }
                else
                {
                    pending.Add(task);
                }
            }

            string? edgeTable = scenario.Derived?.OfType<EdgeListDefinition>().FirstOrDefault()?.Table;
            var needEvents = new HashSet<string>([scenario.Events.Table, .. edgeTable is null ? Array.Empty<string>() : [edgeTable],
                .. (scenario.Derived ?? []).OfType<Truth.TruthTableDefinition>().Select(t => t.Table)], StringComparer.Ordinal);
            bool events = pending.Any(t => needEvents.Contains(t.Table));
            ItemCatalog? catalog = events ? new ItemCatalog(world, options.Threads, options.Cancellation, fetchAheadBytes: options.FetchAheadBytes) : null;
            ActivityPlan? activity = events ? new ActivityPlan(world) : null;
            long total = pending.Sum(t => t.Table == scenario.Events.Table ? activity!.RowsBefore(t.End) - activity.RowsBefore(t.Start) : t.End - t.Start);
            long done = 0;
            var runner = new PartitionRunner(world, catalog, activity, root, options, rows =>
                options.Progress?.Report(new GenerationProgress(Interlocked.Add(ref done, rows), total)));
            runner.Run(pending, (task, written) =>
            {
                IReadOnlyList<ManifestFile> files = [.. written.Select(f => ToManifest(root, f)).OrderBy(f => f.Path, StringComparer.Ordinal)];
                ledger.Record(task.Table, task.Index, files);
                finished[task] = files;
                thisRun.Add((task, files));
            });
        }
        catch (AggregateException e) when (!e.InnerExceptions.Any(x => x is IOException or UnauthorizedAccessException or OperationCanceledException))
        {
            // Not an interruption to resume from (the scenario cannot produce valid data, e.g. a value that is not
            // finite, or a defect): what this run wrote goes, so no file of a failed run stays under a final name.
            // Partitions of earlier runs (a resume) are left alone.
            Forget(root, ledger, thisRun);
            if (e.InnerExceptions.OfType<ScenarioException>().FirstOrDefault() is { } invalid)
            {
                throw invalid;
            }

            throw;
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is IOException or UnauthorizedAccessException) is { } io)
        {
            throw Describe(io, root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Describe(e, root);
        }

        var manifest = new Manifest(Version, scenario.Name, scenarioSha, scenario.Seed, options.Format.Name, [.. tables.Select(table =>
        {
            var files = tasks.Where(t => t.Table == table).SelectMany(t => finished[t]).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
            return DescribeTable(scenario, table, files);
        })]);
        manifest = manifest with
        {
            // Relative to the output folder, so the manifest stays the same wherever the pair is checked out.
            ScenarioFile = scenario.File is null ? null : Path.GetRelativePath(root, scenario.File).Replace('\\', '/'),
            ScenarioOverrides = scenario.Overrides.Count == 0 ? null : scenario.Overrides,
            EmbeddingStorage = options.EmbeddingStorage == EmbeddingStorage.Float32 ? null : options.EmbeddingStorage.ToString().ToLowerInvariant(),
            TextEncoder = options.TextEncoder?.Name,
            GroundTruth = Truth.GroundTruth.Has(scenario) ? Truth.GroundTruth.Describe(scenario) : null,
        };
        try
        {
            manifest.Save(root, options.Shard.IsPartial ? Manifest.ShardFileName(options.Shard.Index, options.Shard.Count) : Manifest.FileName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Describe(e, root);
        }

        return manifest;
    }

    private static OutputLock Lock(string root, ShardSpec shard)
    {
        try
        {
            return shard.IsPartial ? OutputLock.Acquire(root, shard.Index) : OutputLock.Acquire(root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Describe(e, root);
        }
    }

    private static void Forget(string root, PartitionLedger ledger, IEnumerable<(PartitionTask Task, IReadOnlyList<ManifestFile> Files)> written)
    {
        foreach (var (task, files) in written)
        {
            ledger.Forget(task.Table, task.Index);
            foreach (ManifestFile file in files)
            {
                File.Delete(Path.Combine(root, file.Path));
            }
        }
    }

    // What a loader needs to rebuild keys and hive partition columns without the scenario file.
    private static ManifestTable DescribeTable(ScenarioDefinition scenario, string table, List<ManifestFile> files)
    {
        long rows = files.Sum(f => f.Rows);
        if (table == scenario.Events.Table)
        {
            List<ManifestReference> references =
            [
                new ManifestReference(scenario.Events.Columns.User, scenario.Users.Table),
                new ManifestReference(scenario.Events.Columns.Item, scenario.Items.Table),
            ];
            foreach (var (column, attribute) in scenario.Events.ItemColumns)
            {
                if (attribute is WorldAttribute { Kind: WorldValueKind.Creator })
                {
                    references.Add(new ManifestReference(column, scenario.Creators!.Table));
                }
            }

            return new ManifestTable(table, rows, files, "events", References: references);
        }

        switch (scenario.Derived?.FirstOrDefault(d => d.Table == table))
        {
            case CategoryTableDefinition c:
                return new ManifestTable(table, rows, files, "categories", c.IdColumn);
            case LinkTableDefinition l:
                return new ManifestTable(table, rows, files, "links", References:
                    [new ManifestReference(l.Entity.IdColumn, l.Entity.Table), new ManifestReference(l.Ids.IdColumn, l.Ids.Table)]);
            case Truth.TruthTableDefinition t:
                return new ManifestTable(table, rows, files, Truth.GroundTruth.Role, References: t.Kind == Truth.TruthKind.Items
                    ? [new ManifestReference(scenario.Events.Columns.Item, scenario.Items.Table)]
                    : [new ManifestReference(scenario.Events.Columns.User, scenario.Users.Table), .. t.Kind is Truth.TruthKind.Users or Truth.TruthKind.Interests
                        ? Array.Empty<ManifestReference>() : [new ManifestReference(scenario.Events.Columns.Item, scenario.Items.Table)]]);
            case EdgeListDefinition:
                return new ManifestTable(table, rows, files, "edges", References:
                [
                    new ManifestReference(scenario.Events.Columns.User, scenario.Users.Table),
                    new ManifestReference(scenario.Events.Columns.Item, scenario.Items.Table),
                ]);
        }

        EntityDefinition entity = scenario.EntityOfTable(table)!;
        List<ManifestReference>? entityReferences = null;
        foreach (AttributeDefinition a in entity.Attributes)
        {
            if (a is WorldAttribute { Kind: WorldValueKind.Creator, Output: true })
            {
                (entityReferences ??= []).Add(new ManifestReference(a.Name, scenario.Creators!.Table));
            }
        }

        var embeddings = new List<ManifestEmbedding>();
        foreach (AttributeDefinition attribute in entity.Attributes)
        {
            if (attribute is WorldAttribute { Output: true, Embedding: { Storage: not EmbeddingStorage.None } embedding })
            {
                var blocks = new List<ManifestEmbeddingBlock>();
                int offset = 0;
                foreach (EmbeddingBlock block in embedding.Blocks)
                {
                    blocks.Add(new ManifestEmbeddingBlock(block.Name, offset, block.Dimension, block.Source, [.. block.Sources.Select(s => s.Name)]));
                    offset += block.Dimension;
                }

                embeddings.Add(new ManifestEmbedding(attribute.Name, embedding.Dimension, blocks));
            }
        }

        return new ManifestTable(table, rows, files, entity.Role, entity.IdColumn, PartitionBy: entity.PartitionBy.Count > 0 ? entity.PartitionBy : null,
            Embeddings: embeddings.Count > 0 ? embeddings : null, References: entityReferences);
    }

    /// <summary>What <see cref="Run"/> would produce with these options (for <c>--dry-run</c>).</summary>
    public static IReadOnlyList<RunEstimate> Estimate(ScenarioDefinition scenario, GenerateOptions options)
    {
        scenario = Truth.GroundTruth.Apply(EmbeddingStorageTransform.Apply(scenario, options.EmbeddingStorage));
        string[] tables = SelectTables(scenario, options.Tables);
        return RunEstimate.For(scenario, tables, Plan(scenario, tables), Plan(scenario, tables, options.Shard));
    }

    /// <summary>The partitions of the selected tables that belong to <paramref name="shard"/>, longest first.</summary>
    /// <remarks>
    /// Interaction partitions are user ranges sized to hold about <see cref="InteractionRowsPerPartition"/> rows on
    /// average, capped by <c>output.partition_rows</c> users; item and user partitions hold <c>partition_rows</c>
    /// entities. The plan depends only on the scenario, never on threads; shard i owns plan positions p ≡ i (mod n).
    /// </remarks>
    public static List<PartitionTask> Plan(ScenarioDefinition scenario, IReadOnlyCollection<string>? tables = null, ShardSpec? shard = null)
    {
        if (scenario.Events.Count < scenario.Users.Count)
        {
            throw new ScenarioException($"{scenario.Name}: events.count ({scenario.Events.Count}) must be at least users.count ({scenario.Users.Count}) so that every user has an event");
        }

        PlanLimits.Check(scenario);

        long size = scenario.Output.PartitionRows;
        var all = new List<PartitionTask>();
        long users = scenario.Users.Count;
        long userRange = InteractionUserRange(scenario);
        for (long start = 0, k = 0; start < users; start += userRange, k++)
        {
            all.Add(new PartitionTask(scenario.Events.Table, (int)k, start, Math.Min(users, start + userRange)));
        }

        foreach (EntityDefinition entity in scenario.Entities)
        {
            for (long start = 0, k = 0; start < entity.Count; start += size, k++)
            {
                all.Add(new PartitionTask(entity.Table, (int)k, start, Math.Min(entity.Count, start + size)));
            }
        }

        foreach (DerivedTableDefinition derived in scenario.Derived ?? [])
        {
            // Category lists are one file; link tables follow their entity's ranges; edge lists the events' user ranges.
            (long count, long range) = derived switch
            {
                CategoryTableDefinition c => (c.Categories.Count, Math.Max(1, c.Categories.Count)),
                LinkTableDefinition l => (l.Entity.Count, size),
                Truth.TruthTableDefinition { Kind: Truth.TruthKind.Items } => (scenario.Items.Count, size),
                Truth.TruthTableDefinition { Kind: Truth.TruthKind.Users or Truth.TruthKind.Interests } => (users, size),
                _ => (users, userRange),
            };
            for (long start = 0, k = 0; start < count; start += range, k++)
            {
                all.Add(new PartitionTask(derived.Table, (int)k, start, Math.Min(count, start + range)));
            }
        }

        ShardSpec s = shard ?? ShardSpec.All;
        return [.. all.Where((t, position) => s.Owns(position) && (tables?.Contains(t.Table) ?? true))];
    }

    /// <summary>Users per interactions partition: about <see cref="InteractionRowsPerPartition"/> rows on average, at most <c>output.partition_rows</c> users.</summary>
    public static long InteractionUserRange(ScenarioDefinition scenario)
    {
        long byEvents = (long)Math.Ceiling(Math.Max(1, scenario.Users.Count) * (double)InteractionRowsPerPartition / Math.Max(1, scenario.Events.Count));
        return Math.Max(1, Math.Min(scenario.Output.PartitionRows, byEvents));
    }

    /// <summary>The tables a run writes, in manifest order (items, users, interactions).</summary>
    public static string[] SelectTables(ScenarioDefinition scenario, IReadOnlySet<string>? only)
    {
        string[] all = [.. scenario.Entities.Select(e => e.Table), scenario.Events.Table, .. (scenario.Derived ?? []).Select(d => d.Table)];
        if (only?.FirstOrDefault(t => !all.Contains(t)) is { } unknown)
        {
            throw new ScenarioException($"{scenario.Name}: no table '{unknown}' (tables: {string.Join(", ", all)})");
        }

        return [.. all.Where(t => only?.Contains(t) ?? true)];
    }

    private static ManifestFile ToManifest(string root, WrittenFile f)
        => new(Path.GetRelativePath(root, f.Path).Replace('\\', '/'), f.Rows, f.Bytes, f.Sha256);

    private static OutputException Describe(Exception e, string root)
    {
        // ENOSPC is 28 on Linux; the runtime puts it in the low bits of HResult.
        bool diskFull = (e.HResult & 0xFFFF) == 28 || e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase);
        return new OutputException(diskFull
            ? $"{root}: disk full while writing output; free space and rerun the same command to resume ({e.Message})"
            : $"{root}: cannot write output ({e.Message})", e);
    }
}
