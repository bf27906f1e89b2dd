namespace RecForge.Generation;

/// <summary>Which block, or whole partition, a thread of <see cref="PartitionRunner"/> generates next.</summary>
/// <remarks>
/// A thread keeps to the partition it started, so that the threads write different files side by side as whole
/// partitions did (each file's writer is one thread's work at a time); when no partition is left to start, a thread
/// helps the started one with the most blocks left, so the last partition of a run, or the only one of a table, keeps
/// every core busy.
/// </remarks>
/// <param name="queue">The pending partitions in plan order: cut into blocks, or whole (no blocks).</param>
internal sealed class BlockQueue(List<(BlockedPartition? Partition, PartitionTask Task)> queue)
{
    private int _started;

    /// <summary>The next job of a thread whose own partition is <paramref name="own"/> (updated).</summary>
    /// <returns>False when nothing is left: every partition started and every block taken.</returns>
    public bool Take(ref BlockedPartition? own, out BlockedPartition? partition, out int block, out PartitionTask? whole)
    {
        whole = null;
        if (own is not null && own.TryTake(out block))
        {
            partition = own;
            return true;
        }

        own = null;
        for (int i; (i = Interlocked.Increment(ref _started) - 1) < queue.Count;)
        {
            (partition, PartitionTask task) = queue[i];
            if (partition is null)
            {
                whole = task;
                block = 0;
                return true;
            }

            if (partition.TryTake(out block))
            {
                own = partition;
                return true;
            }
        }

        while (true)
        {
            BlockedPartition? most = null;
            for (int i = 0; i < queue.Count; i++)
            {
                if (queue[i].Partition is { } p && p.Untaken > (most?.Untaken ?? 0))
                {
                    most = p;
                }
            }

            if (most is null)
            {
                partition = null;
                block = 0;
                return false;
            }

            if (most.TryTake(out block))
            {
                partition = most;
                return true;
            }
        }
    }
}
