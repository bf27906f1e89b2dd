using RecForge.Generation.Events;
using RecForge.Output;
using RecForge.Scenarios;
using RecForge.World;

namespace RecForge.Generation;

/// <summary>What a run will produce, before running it: rows, partitions, bytes on disk and time, per table.</summary>
/// <param name="Table">Table name.</param>
/// <param name="Rows">Rows.</param>
/// <param name="Partitions">Partitions (files; hive-partitioned tables write one file per directory per partition).</param>
/// <param name="Bytes">Estimated bytes on disk.</param>
/// <param name="CpuSeconds">Estimated single-thread seconds.</param>
public sealed record RunEstimate(string Table, long Rows, int Partitions, long Bytes, double CpuSeconds)
{
    /// <summary>Partitions of the plan (units of parallel work; a hive-partitioned one writes several files).</summary>
    public int Tasks { get; init; } = 1;

    /// <summary>Seconds before the row path runs at its steady rate (JIT tiering), once per run whatever the threads.</summary>
    public double WarmUpSeconds { get; init; }

    /// <summary>Estimated wall seconds of this table alone on <paramref name="threads"/> threads: its work spreads over at most one thread per task.</summary>
    public double WallSeconds(int threads) => CpuSeconds / Math.Max(1, Math.Min(threads, Tasks));

    /// <summary>Estimates every selected table of a scenario.</summary>
    /// <remarks>
    /// Bytes: fixed-width vectors are incompressible (4 or 2 bytes a dimension); other columns compress to about a
    /// third of their raw width in Snappy Parquet, interactions to about 2/7 (measured: 17–19 bytes per interaction row). Rates are the
    /// single-thread medians of docs/benchmarks.md: 2.7M interactions/s with a catalogue of 10,000 items (slower with
    /// larger ones, which also cost their positions first), 170,000 entities/s plus, per embedding value,
    /// 7.2 ns to compute and 6.2 ns a stored byte (about 26,000 items/s with a float32 1024-d embedding, 39,000 with
    /// float16 once warm), and <see cref="WarmUpSeconds"/> for tables whose row path is long. A
    /// hive-partitioned table's files are counted from its partition columns, and each file adds its overhead.
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
                // Truth (default media, measured): positions ~150 B a row compressed, events and oracle rows ~19 B; an
                // oracle list costs every item's affinity for its user, ~10M (user, item) pairs a second on one thread.
                int dimensions = scenario.World.Dimensions;
                (long all, int rowBytes, double derivedRate) = derived switch
                {
                    CategoryTableDefinition c => ((long)c.Categories.Count, 12, 1e6),
                    LinkTableDefinition l => ((long)(l.Entity.Count * MeanValues(l.Attribute)), 8, 60_000),
                    Truth.TruthTableDefinition { Kind: Truth.TruthKind.Users or Truth.TruthKind.Interests } t
                        => (scenario.Users.Count * (t.Kind == Truth.TruthKind.Users ? 1 : (scenario.World.ClustersPerUserMin + scenario.World.ClustersPerUserMax + 1) / 2), 4 * dimensions + 24, 200_000),
                    Truth.TruthTableDefinition { Kind: Truth.TruthKind.Items } => (scenario.Items.Count, 4 * dimensions + 24, 200_000),
                    Truth.TruthTableDefinition { Kind: Truth.TruthKind.Events } => (scenario.Events.Count, 19, 1_000_000),
                    Truth.TruthTableDefinition t => (scenario.Users.Count * t.TopK, 19, t.TopK * 1e7 / Math.Max(1, scenario.Items.Count)),
                    _ => (scenario.Events.Count, 16, 1_400_000),
                };
                long shareRows = (long)(all * share);
                int derivedTasks = owned.Count(t => t.Table == table);
                result.Add(new RunEstimate(table, shareRows, derivedTasks, shareRows * rowBytes, derived is EdgeListDefinition ? scenario.Events.Count * share / derivedRate : shareRows / derivedRate)
                {
                    Tasks = Math.Max(1, derivedTasks),
                });
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

            IEnumerable<EmbeddingDefinition> embeddings = entity?.Attributes.OfType<WorldAttribute>().Where(w => w.Embedding is { Storage: not EmbeddingStorage.None })
                .Select(w => w.Embedding!) ?? [];
            double embeddingSeconds = embeddings.Sum(e => e.Dimension * (EmbeddingSecondsPerValue + ((e.Storage == EmbeddingStorage.Float16 ? 2 : 4) * EmbeddingSecondsPerByte)));
            double rate = events ? 1 / EventSeconds(scenario.Items.Count) : 1 / ((1 / 170_000.0) + embeddingSeconds);
            List<PartitionTask> tasks = [.. owned.Where(t => t.Table == table)];
            long files = entity is { PartitionBy.Count: > 0 } ? HiveFiles(scenario, entity, tasks) : tasks.Count;

            // Every file costs its footer, column-chunk metadata, statistics and page headers and a create/rename:
            // measured on media (vectors written without a dictionary) at 3,000 and 10,000 items, 1,438 and 2,186
            // files against one file each: 2.5–2.65 kB a file.
            // Interaction rows compress further than a third (ids from bounded sets, a type from a short list, whole-second
            // times): re-measured at stop 37 on media, 17.2 bytes a row over 10,000 items and 19.0 over 1M items and 10M
            // users, against 63 raw, so 2/7 (18).
            long compressed = events ? otherBytes * 2 / 7 : otherBytes / 3;
            long bytes = (rows * (vectorBytes + compressed)) + (files == tasks.Count ? 0 : files * PerFileBytes);
            double staging = entity is { PartitionBy.Count: > 0 } ? rows * (vectorBytes + otherBytes) * HiveStagingSecondsPerByte : 0;
            double catalogue = events && rows > 0 ? Math.Min(scenario.Items.Count, ItemCatalog.DefaultCachedItems) * CataloguePositionSeconds : 0;
            result.Add(new RunEstimate(table, rows, (int)Math.Min(int.MaxValue, files), bytes, (rows / rate) + staging + (files * PerFileSeconds) + catalogue)
            {
                Tasks = Math.Max(1, tasks.Count),
                WarmUpSeconds = rows > 0 && (events || embeddingSeconds > 0) ? RowPathWarmUpSeconds : 0,
            });
        }

        return result;
    }

    private const int PerFileBytes = 2_600;

    // One thread's seconds per interaction row: 0.37 µs with a catalogue that fits in cache, plus 0.20 µs per tenfold
    // more items beyond 10,000, as the draws' item positions and ranks spread over more memory, plus up to 0.65 µs as
    // the share of items past ItemCatalog's cache grows (their positions are computed at each draw). Re-measured at
    // stop 37 on media (12M rows, one thread, start-up, warm-up and catalogue taken off): 0.37 µs a row at 10k items,
    // 0.58 at 200k, 0.66 at 1M; the 1B run on two threads ~0.8 a row and thread. Stop 30 measured 0.66, 0.93 and
    // 0.99–1.3 (the constants were 0.71 and 0.22): the samplers, the writer and fetching ahead have cut it since.
    private static double EventSeconds(long items)
        => 0.37e-6 + (0.20e-6 * Math.Max(0, Math.Log10(items / 10_000.0)))
            + (0.65e-6 * Math.Max(0, items - ItemCatalog.DefaultCachedItems) / Math.Max(1, items));

    // The interaction threads first compute the positions of the most popular items (up to ItemCatalog's cache):
    // measured at stop 30 on media, ~1.4 µs an item (1M items: +1.3 s; 10M items, 4M cached: +5.7 s).
    private const double CataloguePositionSeconds = 1.4e-6;

    // An embedding value costs its computation and its bytes' writing. Measured at stop 29 on media, 100,000 items, one
    // thread, 1024-d, start-up and warm-up taken off: ~38 µs an item with float32, ~26 µs with float16, ~6 µs without
    // (docs/benchmarks.md), so compute + 4 × write = 32 ns and compute + 2 × write = 19.6 ns a value.
    private const double EmbeddingSecondsPerValue = 7.2e-9;
    private const double EmbeddingSecondsPerByte = 6.2e-9;

    // The row paths of events and embeddings run unoptimised code until the JIT's tiering has compiled them: measured
    // at stop 29, the default catalogue (10,000 items) takes ~1.0 s and 100,000 interactions ~0.55 s beyond start-up,
    // against 0.43 s and 0.07 s at the steady rates.
    private const double RowPathWarmUpSeconds = 0.5;

    // A hive-partitioned table stages its rows and sorts them into folders before writing: the default catalogue at
    // 100,000 items (4.2 kB a row) takes 5.3–5.8 s against 4.4–4.6 s in one file, ~2.4 ns a byte.
    private const double HiveStagingSecondsPerByte = 2.4e-9;

    // Measured: the 2,186-file default catalogue takes ~3.3 s more than the same rows in one file, on one thread.
    private const double PerFileSeconds = 0.0015;

    // Rows of the partition columns evaluated at most; beyond, the files of the first partitions are extrapolated (each
    // partition draws its rows from the same distribution, so its number of distinct folders is about the same).
    private const long HiveRowsEvaluated = 2_000_000;

    // A hive-partitioned table writes one file per distinct folder (combination of partition values) per partition:
    // the partition columns (and only what they read) are evaluated for the partitions' rows and the folders counted.
    private static long HiveFiles(ScenarioDefinition scenario, EntityDefinition entity, List<PartitionTask> tasks)
    {
        var sampler = new EntityRowSampler(entity, new WorldModel(scenario));
        AttributeDefinition[] keys = [.. entity.PartitionBy.Select(name => entity.Attributes.First(a => a.Name == name))];
        long files = 0, evaluated = 0;
        int counted = 0;
        var folders = new HashSet<string>(StringComparer.Ordinal);
        var folder = new System.Text.StringBuilder();
        foreach (PartitionTask task in tasks)
        {
            if (counted > 0 && evaluated + (task.End - task.Start) > HiveRowsEvaluated)
            {
                break;
            }

            folders.Clear();
            for (long i = task.Start; i < Math.Min(task.End, task.Start + HiveRowsEvaluated); i++)
            {
                folder.Clear();
                foreach (AttributeDefinition key in keys)
                {
                    sampler.Evaluate(i, key);
                    folder.Append(sampler.TextOf(key.Slot)).Append('/');
                }

                folders.Add(folder.ToString());
            }

            files += folders.Count;
            evaluated += task.End - task.Start;
            counted++;
        }

        return counted == tasks.Count ? files : (long)Math.Round(files / (double)counted * tasks.Count);
    }

    // Bounds read from another attribute are unknown before generation: assume the middle of the value count.
    private static double MeanValues(AttributeDefinition attribute) => attribute switch
    {
        SetAttribute s => s.MinFrom is not null || s.MaxFrom is not null ? s.Categories.Count / 4.0 : (s.Min + s.Max) / 2.0,
        InheritedAttribute i => MeanValues(i.Source),
        _ => 1,
    };
}
