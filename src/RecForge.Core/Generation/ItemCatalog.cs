using RecForge.Scenarios;
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
internal sealed class ItemCatalog
{
    /// <summary>Items whose positions are kept in memory by default (the most popular ones).</summary>
    public const long DefaultCachedItems = 4_000_000;

    private readonly WorldModel _world;
    private readonly RankPositions _positions;
    private readonly int _dimensions;
    private readonly long _cached;
    private readonly Dictionary<AttributeDefinition, (double[]? Numbers, string[]? Texts)> _values = new(ReferenceEqualityComparer.Instance);

    [ThreadStatic]
    private static float[]? s_scratch;

    /// <summary>
    /// Held positions past this size make preference picks fetch ahead: 16 MB, 128k items at 32 dimensions, where an
    /// L2 cache holds 0.5–2 MB a core and an L3 slice a few MB more. Below it the positions stay cached and drawing
    /// attempts ahead would only cost draws.
    /// </summary>
    public const long DefaultFetchAheadBytes = 16L << 20;

    /// <summary>Computes the positions of the <paramref name="cachedItems"/> most popular items.</summary>
    public ItemCatalog(WorldModel world, int threads, CancellationToken cancellation, long cachedItems = DefaultCachedItems, long fetchAheadBytes = DefaultFetchAheadBytes)
    {
        _world = world;
        Count = world.Scenario.Items.Count;
        _dimensions = world.Dimensions;
        _cached = Math.Min(Count, cachedItems);
        _positions = new RankPositions(_cached, _dimensions);
        FetchAhead = _positions.Bytes > fetchAheadBytes;
        const int chunk = 4096;
        long chunks = (_cached + chunk - 1) / chunk;
        Parallel.For(0L, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation }, c =>
        {
            long end = Math.Min(_cached, (c + 1) * chunk);
            for (long rank = c * chunk + 1; rank <= end; rank++)
            {
                world.ItemPosition(world.ItemOfRank(rank), _positions.Row(rank));
            }
        });
        PrecomputeCopied(threads, cancellation);
    }

    /// <summary>Number of items.</summary>
    public long Count { get; }

    /// <summary>Every item's numeric value (a creator attribute: the creator's index) of an attribute that events copy.</summary>
    public double[] Numbers(AttributeDefinition attribute) => _values[attribute].Numbers!;

    /// <summary>Every item's text value of a categorical attribute that events copy.</summary>
    public string[] Texts(AttributeDefinition attribute) => _values[attribute].Texts!;

    // Attributes copied into events (a play's artist and duration) or read by them (a rating's item bias) are computed once per item, in parallel.
    private void PrecomputeCopied(int threads, CancellationToken cancellation)
    {
        var wanted = new List<AttributeDefinition>();
        foreach (var (_, attribute) in _world.Scenario.Events.ItemColumns)
        {
            wanted.Add(attribute);
        }

        if (_world.Scenario.Events.Play is { } play)
        {
            wanted.Add(play.Duration);
        }

        if (_world.Scenario.Events.Rating?.Model?.ItemBias is { } bias)
        {
            wanted.Add(bias);
        }

        foreach (AttributeDefinition a in wanted.Distinct())
        {
            _values[a] = a is CategoryAttribute ? (null, new string[Count]) : (new double[Count], null);
        }

        if (_values.Count == 0)
        {
            return;
        }

        const int chunk = 4096;
        Parallel.For(0L, (Count + chunk - 1) / chunk, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation }, c =>
        {
            var sampler = new EntityRowSampler(_world.Scenario.Items, _world);
            for (long i = c * chunk; i < Math.Min(Count, (c + 1) * chunk); i++)
            {
                foreach (var (attribute, (numbers, texts)) in _values)
                {
                    Cell cell = sampler.CellOf(i, attribute);
                    if (texts is not null)
                    {
                        texts[i] = cell.Text!;
                    }
                    else
                    {
                        numbers![i] = cell.Number;
                    }
                }
            }
        });
    }

    /// <summary>The unit taste position of an item; valid until the next call on the same thread.</summary>
    public ReadOnlySpan<float> Position(long item) => PositionOfRank(_world.PopularityRank(item), item);

    /// <summary>
    /// Whether the positions held are too many for the processor's caches, so that preference picks fetch the positions
    /// of their next attempts ahead (see <see cref="DefaultFetchAheadBytes"/>). Either way the picks are the same.
    /// </summary>
    public bool FetchAhead { get; }

    /// <summary>Starts loading the position of popularity rank <paramref name="rank"/> if it is held (a hint: no effect on any value).</summary>
    public void Prefetch(long rank)
    {
        if (rank <= _cached)
        {
            _positions.Prefetch(rank);
        }
    }

    /// <summary>The unit taste position of <paramref name="item"/>, whose popularity rank the caller knows.</summary>
    public ReadOnlySpan<float> PositionOfRank(long rank, long item)
    {
        if (rank <= _cached)
        {
            return _positions.Row(rank);
        }

        float[] scratch = s_scratch is { } s && s.Length == _dimensions ? s : s_scratch = new float[_dimensions];
        _world.ItemPosition(item, scratch);
        return scratch;
    }
}
