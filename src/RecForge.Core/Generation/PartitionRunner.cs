using System.Collections.Concurrent;
using RecForge.Generation.Events;
using RecForge.Output;
using RecForge.Scenarios;
using RecForge.World;

namespace RecForge.Generation;

/// <summary>
/// Runs a generation's pending partitions on its threads. Entity partitions and interaction partitions are cut into
/// blocks (<see cref="BlockedPartition"/>): each thread works through a partition of its own, as whole partitions were
/// run before, and when none is left to start it takes blocks of the started partition with the most left, so one
/// large partition, or the last one of a run, keeps every core busy. The other tables (categories, links, edge lists,
/// ground truth) run as whole partitions. A block's rows depend only on its entities, and its partition writes the same
/// batches in the same order on any number of threads, so the files are the same bytes.
/// </summary>
internal sealed class PartitionRunner
{
    /// <summary>Interaction rows per block, about: 8 batches of the media schema, few enough that a 1M-row partition is 16 blocks.</summary>
    public const long DefaultBlockRows = 1 << 16;

    private readonly WorldModel _world;
    private readonly ItemCatalog? _catalog;
    private readonly ActivityPlan? _activity;
    private readonly string _root;
    private readonly GenerateOptions _options;
    private readonly Action<long> _progress;
    private readonly long _blockRows;
    private readonly Dictionary<string, ConcurrentBag<ColumnBatch>> _pools = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TableSchema> _entitySchemas = new(StringComparer.Ordinal);

    public PartitionRunner(WorldModel world, ItemCatalog? catalog, ActivityPlan? activity, string root, GenerateOptions options, Action<long> progress)
    {
        _world = world;
        _catalog = catalog;
        _activity = activity;
        _root = root;
        _options = options;
        _progress = progress;
        _blockRows = Math.Max(1, options.BlockRows);
    }

    /// <summary>Generates <paramref name="tasks"/>, calling <paramref name="completed"/> (from any thread) as each partition's files are complete.</summary>
    public void Run(IReadOnlyList<PartitionTask> tasks, Action<PartitionTask, IReadOnlyList<WrittenFile>> completed)
    {
        // In plan order: a partition cut into blocks, or a whole one.
        var queue = new List<(BlockedPartition? Partition, PartitionTask Task)>(tasks.Count);
        foreach (PartitionTask task in tasks)
        {
            queue.Add((Block(task), task));
        }

        // Blocks taken but not yet written: enough that a thread rarely waits for the writer, few enough to bound
        // memory (a block of items with 1024-d embeddings is ~8 MB).
        int threads = Math.Max(1, _options.Threads);
        using var permits = new SemaphoreSlim(2 * threads);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(_options.Cancellation);
        var next = new BlockQueue(queue);
        try
        {
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = _options.Cancellation }, _ =>
            {
                try
                {
                    var samplers = new Samplers(_world, _catalog);
                    BlockedPartition? own = null;
                    while (true)
                    {
                        permits.Wait(failed.Token);
                        if (!next.Take(ref own, out BlockedPartition? partition, out int block, out PartitionTask? whole))
                        {
                            permits.Release();
                            return;
                        }

                        if (partition is null)
                        {
                            completed(whole!, PartitionWriter.Write(_world, _catalog, _activity, whole!, _root, _options, _progress));
                            permits.Release();
                            continue;
                        }

                        if (Generate(partition, block, samplers, failed.Token, () => permits.Release()) is { } files)
                        {
                            completed(partition.Task, files);
                        }
                    }
                }
                catch (OperationCanceledException) when (failed.IsCancellationRequested && !_options.Cancellation.IsCancellationRequested)
                {
                    // Another thread failed; its exception is the run's.
                }
                catch
                {
                    failed.Cancel();
                    throw;
                }
            });
        }
        finally
        {
            foreach (var (partition, _) in queue)
            {
                partition?.Abandon();
            }
        }
    }

    // Entity and interaction partitions are cut into blocks; other tables return null (one job each).
    private BlockedPartition? Block(PartitionTask task)
    {
        ScenarioDefinition scenario = _world.Scenario;
        if (task.Table == scenario.Events.Table)
        {
            TableSchema schema = InteractionSampler.BuildSchema(scenario);
            int batchRows = PartitionWriter.BatchSize(schema);
            var bounds = new List<long> { task.Start };
            var heads = new List<int> { 0 };
            long first = _activity!.RowsBefore(task.Start);
            long rows = 0;
            for (long u = task.Start; u < task.End; u++)
            {
                rows += _activity.RowsOf(u);
                if (rows >= _blockRows && u + 1 < task.End)
                {
                    bounds.Add(u + 1);
                    heads.Add((int)((_activity.RowsBefore(u + 1) - first) % batchRows));
                    rows = 0;
                }
            }

            bounds.Add(task.End);
            return new BlockedPartition(task, schema, batchRows, [.. bounds], [.. heads],
                () => PartitionWriter.OpenInteractions(_world, _activity, schema, task, _root, _options), Pool(task.Table));
        }

        if (scenario.EntityOfTable(task.Table) is { } entity)
        {
            if (!_entitySchemas.TryGetValue(entity.Table, out TableSchema? schema))
            {
                _entitySchemas[entity.Table] = schema = new EntityRowSampler(entity, _world).Schema;
            }

            int batchRows = PartitionWriter.BatchSize(schema);

            // One batch per block: every block starts on the grid.
            long count = (task.End - task.Start + batchRows - 1) / batchRows;
            var bounds = new long[count + 1];
            for (long b = 0; b <= count; b++)
            {
                bounds[b] = Math.Min(task.End, task.Start + (b * batchRows));
            }

            return new BlockedPartition(task, schema, batchRows, bounds, null,
                () => PartitionWriter.OpenEntities(_world, entity, schema, task, _root, _options), Pool(task.Table));
        }

        return null;
    }

    private ConcurrentBag<ColumnBatch> Pool(string table)
    {
        if (!_pools.TryGetValue(table, out ConcurrentBag<ColumnBatch>? pool))
        {
            _pools[table] = pool = [];
        }

        return pool;
    }

    // Generates a block and hands it to its partition; returns the partition's files if that wrote its last block.
    private IReadOnlyList<WrittenFile>? Generate(BlockedPartition partition, int block, Samplers samplers, CancellationToken cancellation, Action written)
    {
        long start = partition.StartOf(block);
        long end = partition.EndOf(block);
        ColumnBatch batch = partition.Rent();
        var batches = new List<ColumnBatch>();
        if (partition.Task.Table == _world.Scenario.Events.Table)
        {
            // The rows before this block's first one in its first batch are filled when the partition writes it. The
            // block next in line (always, on one thread) is written as it is generated; the others wait in batches.
            batch.Count = partition.HeadRows(block);
            // A block of a user with a great many rows stops buffering at twice a block's usual batches and waits
            // to be written as it goes, so memory stays bounded whatever the activity distribution.
            int buffered = (int)Math.Max(2, 2 * ((_blockRows + partition.BatchRows - 1) / partition.BatchRows));
            var sink = new BlockSink(partition, block, batches, partition.TryClaim(block), buffered, _progress, cancellation);
            InteractionSampler sampler = samplers.Interactions;
            for (long u = start; u < end; u++)
            {
                sampler.Generate(u, _activity!.RowsOf(u), batch, sink);
            }

            batches.Add(batch);
            return partition.Deposit(block, batches, sink.Claimed, sink.Joined, written, _progress, cancellation);
        }

        EntityRowSampler entities = samplers.Entity(_world.Scenario.EntityOfTable(partition.Task.Table)!);
        if (entities.EncodesTextWithModel)
        {
            entities.PrepareTexts(start, end);
        }

        for (long i = start; i < end; i++)
        {
            entities.Write(i, batch, batch.Count++);
        }

        batches.Add(batch);
        return partition.Deposit(block, batches, false, false, written, _progress, cancellation);
    }

    // One thread's samplers, made on first use and kept across its blocks (they hold per-thread scratch and caches).
    private sealed class Samplers(WorldModel world, ItemCatalog? catalog)
    {
        private readonly Dictionary<EntityDefinition, EntityRowSampler> _entities = new(ReferenceEqualityComparer.Instance);
        private InteractionSampler? _interactions;

        public InteractionSampler Interactions => _interactions ??= new InteractionSampler(world, catalog!);

        public EntityRowSampler Entity(EntityDefinition entity)
        {
            if (!_entities.TryGetValue(entity, out EntityRowSampler? sampler))
            {
                _entities[entity] = sampler = new EntityRowSampler(entity, world);
            }

            return sampler;
        }
    }
}
