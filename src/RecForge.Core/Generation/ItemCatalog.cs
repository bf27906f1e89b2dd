using RecForge.World;

namespace RecForge.Generation;

/// <summary>
/// Item taste positions for the interaction threads: the most popular items' positions are computed once and
/// shared read-only; the long tail is recomputed on demand (a position is a pure function of the item).
/// </summary>
/// <remarks>
/// Popularity draws are Zipf-distributed, so caching the top ranks serves nearly every lookup while memory stays
/// bounded: at most <see cref="DefaultCachedItems"/> × latent dimensions × 4 bytes (512 MB at 32 dimensions)
/// whatever the catalogue size. Cached or not, a position is the same numbers, so the output does not depend on it.
/// </remarks>
public sealed class ItemCatalog
{
    /// <summary>Items whose positions are kept in memory by default (the most popular ones).</summary>
    public const long DefaultCachedItems = 4_000_000;

    private readonly WorldModel _world;
    private readonly float[] _positions;
    private readonly int _dimensions;
    private readonly long _cached;

    [ThreadStatic]
    private static float[]? s_scratch;

    /// <summary>Computes the positions of the <paramref name="cachedItems"/> most popular items.</summary>
    public ItemCatalog(WorldModel world, int threads, CancellationToken cancellation, long cachedItems = DefaultCachedItems)
    {
        _world = world;
        Count = world.Scenario.Items.Count;
        _dimensions = world.Dimensions;
        _cached = Math.Min(Count, cachedItems);
        _positions = new float[checked(_cached * _dimensions)];
        const int chunk = 4096;
        long chunks = (_cached + chunk - 1) / chunk;
        Parallel.For(0L, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation }, c =>
        {
            long end = Math.Min(_cached, (c + 1) * chunk);
            for (long rank = c * chunk + 1; rank <= end; rank++)
            {
                world.ItemPosition(world.ItemOfRank(rank), _positions.AsSpan((int)((rank - 1) * _dimensions), _dimensions));
            }
        });
    }

    /// <summary>Number of items.</summary>
    public long Count { get; }

    /// <summary>The unit taste position of an item; valid until the next call on the same thread.</summary>
    public ReadOnlySpan<float> Position(long item)
    {
        long rank = _world.PopularityRank(item);
        if (rank <= _cached)
        {
            return _positions.AsSpan((int)((rank - 1) * _dimensions), _dimensions);
        }

        float[] scratch = s_scratch is { } s && s.Length == _dimensions ? s : s_scratch = new float[_dimensions];
        _world.ItemPosition(item, scratch);
        return scratch;
    }
}
