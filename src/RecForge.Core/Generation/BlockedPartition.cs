using System.Collections.Concurrent;
using RecForge.Output;

namespace RecForge.Generation;

/// <summary>
/// A partition of rows cut into blocks that any thread may generate. Each block's batches wait here until every earlier
/// block's are written; then whoever hands over the next block writes all that are ready, in order, as the batches one
/// thread would have written.
/// </summary>
/// <remarks>
/// The batch grid is fixed by the partition's row offsets, not by the blocks: a batch holds rows [k·n, (k + 1)·n) of
/// the partition (n = <see cref="BatchRows"/>). A block whose first row falls inside a batch leaves that batch's earlier
/// rows (<see cref="HeadRows"/>) empty, and they are copied in from the previous block's last, partial batch before it
/// is written. The writer therefore sees the same batches, and writes the same bytes, on any number of threads.
/// </remarks>
internal sealed class BlockedPartition
{
    private readonly object _gate = new();
    private readonly long[] _bounds;
    private readonly int[]? _headRows;
    private readonly List<ColumnBatch>?[] _ready;
    private readonly Func<ITableWriter> _open;
    private readonly ConcurrentBag<ColumnBatch> _pool;
    private int _next;
    private int _taken;
    private bool _writing;
    private ColumnBatch? _tail;
    private ITableWriter? _writer;

    /// <param name="task">The partition.</param>
    /// <param name="schema">Its table's columns.</param>
    /// <param name="batchRows">Rows per batch handed to the writer.</param>
    /// <param name="bounds">Block b covers entities [bounds[b], bounds[b + 1]) (users, for interactions).</param>
    /// <param name="headRows">Rows of each block's first batch that belong to earlier blocks; null: none (blocks on the grid).</param>
    /// <param name="open">Opens the partition's writer (called once, by the thread that writes first).</param>
    /// <param name="pool">Spare batches of this table, shared by its partitions.</param>
    public BlockedPartition(PartitionTask task, TableSchema schema, int batchRows, long[] bounds, int[]? headRows, Func<ITableWriter> open, ConcurrentBag<ColumnBatch> pool)
    {
        Task = task;
        Schema = schema;
        BatchRows = batchRows;
        _bounds = bounds;
        _headRows = headRows;
        _ready = new List<ColumnBatch>?[bounds.Length - 1];
        _open = open;
        _pool = pool;
    }

    /// <summary>The partition.</summary>
    public PartitionTask Task { get; }

    /// <summary>Its table's columns.</summary>
    public TableSchema Schema { get; }

    /// <summary>Rows per batch handed to the writer.</summary>
    public int BatchRows { get; }

    /// <summary>Blocks in the partition.</summary>
    public int Blocks => _ready.Length;

    /// <summary>Blocks no thread has taken yet.</summary>
    public int Untaken => Math.Max(0, _ready.Length - Volatile.Read(ref _taken));

    /// <summary>Takes the next block nobody has taken, in order.</summary>
    /// <param name="block">The block taken.</param>
    /// <returns>False when every block is taken.</returns>
    public bool TryTake(out int block)
    {
        block = Interlocked.Increment(ref _taken) - 1;
        return block < _ready.Length;
    }

    /// <summary>The first entity of <paramref name="block"/>.</summary>
    public long StartOf(int block) => _bounds[block];

    /// <summary>One past the last entity of <paramref name="block"/>.</summary>
    public long EndOf(int block) => _bounds[block + 1];

    /// <summary>Rows of <paramref name="block"/>'s first batch that earlier blocks fill.</summary>
    public int HeadRows(int block) => _headRows?[block] ?? 0;

    /// <summary>A batch of <see cref="BatchRows"/> rows, empty.</summary>
    public ColumnBatch Rent()
    {
        if (!_pool.TryTake(out ColumnBatch? batch))
        {
            batch = new ColumnBatch(Schema, BatchRows);
        }

        batch.Count = 0;
        return batch;
    }

    /// <summary>
    /// Makes the caller this partition's writer if <paramref name="block"/> is the next to write and nobody is writing:
    /// it then writes the block's full batches as they come (<see cref="WriteClaimed"/>) instead of holding them, and
    /// must hand the block over with <see cref="Deposit"/> (claimed) when done.
    /// </summary>
    public bool TryClaim(int block)
    {
        lock (_gate)
        {
            if (_writing || _next != block)
            {
                return false;
            }

            _writing = true;
            return true;
        }
    }

    /// <summary>
    /// Waits until <paramref name="block"/> is the next to write and nobody is writing, then makes the caller the writer
    /// (as <see cref="TryClaim"/>): a block that has buffered too many batches streams the rest.
    /// </summary>
    /// <remarks>
    /// Cannot deadlock: every earlier block was taken before this one by a thread that is generating it, writing, or
    /// waiting here for an even earlier block, and the earliest of them is always free to finish.
    /// </remarks>
    public void ClaimWhenNext(int block, CancellationToken cancellation)
    {
        lock (_gate)
        {
            while (_writing || _next != block)
            {
                cancellation.ThrowIfCancellationRequested();
                Monitor.Wait(_gate, 50);
            }

            _writing = true;
        }
    }

    /// <summary>Writes a claimed block's batches buffered before it was claimed, in order, and takes them back.</summary>
    /// <param name="block">The claimed block.</param>
    /// <param name="batches">Its full batches so far; emptied.</param>
    /// <param name="progress">Receives the rows written.</param>
    /// <param name="cancellation">Checked before each batch.</param>
    public void WriteBuffered(int block, List<ColumnBatch> batches, Action<long> progress, CancellationToken cancellation)
    {
        for (int i = 0; i < batches.Count; i++)
        {
            WriteClaimed(block, batches[i], i == 0, progress, cancellation);
            Return(batches[i]);
        }

        batches.Clear();
    }

    /// <summary>Writes a full batch of the claimed <paramref name="block"/> now; the caller keeps the batch.</summary>
    /// <param name="block">The claimed block.</param>
    /// <param name="batch">A full batch.</param>
    /// <param name="first">Whether it is the block's first batch (whose head rows come from the previous block).</param>
    /// <param name="progress">Receives the rows written.</param>
    /// <param name="cancellation">Checked before the batch.</param>
    public void WriteClaimed(int block, ColumnBatch batch, bool first, Action<long> progress, CancellationToken cancellation)
    {
        if (first)
        {
            Join(block, batch);
        }

        Write(batch, progress, cancellation);
    }

    /// <summary>
    /// Hands over the batches of <paramref name="block"/> (all full but the last), then, unless another thread is
    /// writing, writes every block now ready in order.
    /// </summary>
    /// <param name="block">The block.</param>
    /// <param name="batches">Its batches (not yet written); this partition owns them from now on.</param>
    /// <param name="claimed">Whether the caller claimed the block (<see cref="TryClaim"/>).</param>
    /// <param name="joined">Whether a claimed block's first batch was already written by <see cref="WriteClaimed"/>.</param>
    /// <param name="written">Called after each block is written (by the thread writing it).</param>
    /// <param name="progress">Receives the rows of each batch written.</param>
    /// <param name="cancellation">Checked before each batch.</param>
    /// <returns>The partition's files when this call wrote its last block; otherwise null.</returns>
    public IReadOnlyList<WrittenFile>? Deposit(int block, List<ColumnBatch> batches, bool claimed, bool joined, Action written, Action<long> progress, CancellationToken cancellation)
    {
        if (claimed)
        {
            WriteBlock(block, batches, joined, progress, cancellation);
            _next = block + 1;
            written();
            if (_next == _ready.Length)
            {
                return Complete(progress, cancellation);
            }
        }
        else
        {
            lock (_gate)
            {
                _ready[block] = batches;
                if (_writing)
                {
                    return null;
                }

                _writing = true;
            }
        }

        while (true)
        {
            List<ColumnBatch>? next;
            int index;
            lock (_gate)
            {
                // Checked and cleared under the gate: a block handed over while this thread was writing is either seen
                // here or finds _writing false and writes itself.
                index = _next;
                next = index < _ready.Length ? _ready[index] : null;
                if (next is null)
                {
                    _writing = false;
                    Monitor.PulseAll(_gate);
                    return null;
                }

                _ready[index] = null;
            }

            WriteBlock(index, next, false, progress, cancellation);

            // Only the writing thread moves _next.
            _next = index + 1;
            written();
            if (_next == _ready.Length)
            {
                return Complete(progress, cancellation);
            }
        }
    }

    /// <summary>Discards the partition's file if it was not completed (a failed or cancelled run).</summary>
    public void Abandon()
    {
        // A completed partition has let its writer go.
        _writer?.Dispose();
        _writer = null;
    }

    private void WriteBlock(int block, List<ColumnBatch> batches, bool joined, Action<long> progress, CancellationToken cancellation)
    {
        for (int i = 0; i < batches.Count; i++)
        {
            ColumnBatch batch = batches[i];
            if (i == 0 && !joined)
            {
                Join(block, batch);
            }

            if (batch.Count == batch.Capacity)
            {
                Write(batch, progress, cancellation);
                Return(batch);
            }
            else if (i == batches.Count - 1)
            {
                _tail = batch;
            }
            else
            {
                throw new InvalidOperationException($"{Task.Table} partition {Task.Index}: block {block} has a partial batch before its last");
            }
        }
    }

    // Completes the first batch of a block with the rows before it, held from the previous block.
    private void Join(int block, ColumnBatch batch)
    {
        int head = HeadRows(block);
        if (head != (_tail?.Count ?? 0))
        {
            throw new InvalidOperationException($"{Task.Table} partition {Task.Index}: block {block} starts at row {head} of its batch, but {_tail?.Count ?? 0} rows precede it");
        }

        if (_tail is not null)
        {
            batch.CopyRowsFrom(_tail, head);
            Return(_tail);
            _tail = null;
        }
    }

    private IReadOnlyList<WrittenFile> Complete(Action<long> progress, CancellationToken cancellation)
    {
        if (_tail is { } tail)
        {
            if (tail.Count > 0)
            {
                Write(tail, progress, cancellation);
            }

            Return(tail);
            _tail = null;
        }

        _writer ??= _open();
        IReadOnlyList<WrittenFile> files = _writer.Complete();
        _writer.Dispose();

        // The run holds every partition until it ends: a finished one must not keep its writer's buffers (a
        // hive-partitioned catalogue stages thousands of rows per folder), or memory grows with the partitions written.
        _writer = null;
        return files;
    }

    private void Write(ColumnBatch batch, Action<long> progress, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        _writer ??= _open();
        _writer.Write(batch);
        progress(batch.Count);
    }

    private void Return(ColumnBatch batch)
    {
        batch.Count = 0;
        _pool.Add(batch);
    }
}
