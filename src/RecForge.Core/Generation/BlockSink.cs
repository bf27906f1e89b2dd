using RecForge.Output;

namespace RecForge.Generation;

/// <summary>
/// Takes a block's full batches from the interaction sampler. A claimed block's are written at once; otherwise the
/// rows move to a spare batch (the column arrays are exchanged, not copied) and the sampler goes on filling the one it
/// holds, up to <paramref name="maxBuffered"/> of them, after which the block waits its turn and writes as it goes.
/// </summary>
internal sealed class BlockSink(BlockedPartition partition, int block, List<ColumnBatch> batches, bool claimed, int maxBuffered, Action<long> progress, CancellationToken cancellation) : ITableWriter
{
    public bool Claimed => claimed;

    public bool Joined { get; private set; }

    public void Write(ColumnBatch batch)
    {
        if (!claimed && batches.Count >= maxBuffered)
        {
            partition.ClaimWhenNext(block, cancellation);
            partition.WriteBuffered(block, batches, progress, cancellation);
            claimed = true;
            Joined = true;
        }

        if (claimed)
        {
            partition.WriteClaimed(block, batch, !Joined, progress, cancellation);
            Joined = true;
            return;
        }

        ColumnBatch full = partition.Rent();
        full.ExchangeRows(batch);
        batches.Add(full);
    }

    public IReadOnlyList<WrittenFile> Complete() => [];

    public void Dispose()
    {
    }
}
