using RecForge.World;

namespace RecForge.Generation;

/// <summary>Every item's taste position, computed once (in parallel) and shared read-only by the interaction threads.</summary>
/// <remarks>Memory is items × latent dimensions × 4 bytes: 128 MB for 1M items at 32 dimensions.</remarks>
public sealed class ItemCatalog
{
    private readonly float[] _positions;
    private readonly int _dimensions;

    /// <summary>Computes the positions of all items of the world.</summary>
    public ItemCatalog(WorldModel world, int threads, CancellationToken cancellation)
    {
        long count = world.Scenario.Items.Count;
        _dimensions = world.Dimensions;
        _positions = new float[checked(count * _dimensions)];
        const int chunk = 4096;
        long chunks = (count + chunk - 1) / chunk;
        Parallel.For(0L, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation }, c =>
        {
            long end = Math.Min(count, (c + 1) * chunk);
            for (long i = c * chunk; i < end; i++)
            {
                world.ItemPosition(i, _positions.AsSpan((int)(i * _dimensions), _dimensions));
            }
        });
    }

    /// <summary>Number of items.</summary>
    public long Count => _positions.Length / _dimensions;

    /// <summary>The unit taste position of an item.</summary>
    public ReadOnlySpan<float> Position(long item) => _positions.AsSpan((int)(item * _dimensions), _dimensions);
}
