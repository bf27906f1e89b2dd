using RecForge.Randomness;
using RecForge.Sampling;
using RecForge.Scenarios;

namespace RecForge.World;

/// <summary>
/// The one model behind every table: latent taste positions of items and users, popularity ranks, and the true
/// affinity function. Everything is a pure function of (seed, entity, index), so any item or user can be
/// reconstructed on any thread or machine.
/// </summary>
/// <remarks>
/// Items sit near the weighted sum of their categories' centroids (genre, mood, culture...), users near a mixture of
/// the taste clusters they like, each cluster being the centroid of the item categories it names. The true affinity is
/// <c>1 / (1 + exp(-κ (cos(u, i) − μ)))</c>.
/// </remarks>
internal sealed partial class WorldModel
{
    /// <summary>Key of the items entity kind.</summary>
    public static readonly ulong ItemsKind = StreamKey.Of("items");

    /// <summary>Key of the users entity kind.</summary>
    public static readonly ulong UsersKind = StreamKey.Of("users");

    /// <summary>Key of the creators entity kind.</summary>
    public static readonly ulong CreatorsKind = StreamKey.Of("creators");

    /// <summary>Key of the events stream kind.</summary>
    public static readonly ulong EventsKind = StreamKey.Of("events");

    private static readonly ulong LatentStream = StreamKey.Of("latent");
    private static readonly ulong TasteStream = StreamKey.Of("taste");

    private readonly Dictionary<CategoryAttribute, float[][]> _centroids = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<CategoryAttribute, StratifiedDraw> _stratified = new(ReferenceEqualityComparer.Instance);
    private readonly StratifiedDraw? _firstCluster;
    private readonly Dictionary<string, float[][]> _namedCentroids = new(StringComparer.Ordinal);
    private readonly FeistelPermutation? _creatorRanks;
    private readonly WorldAttribute? _creatorAttribute;
    private readonly float[] _creatorPositions = [];
    private readonly CategoryAttribute[] _latentAttributes;
    private readonly AliasTable? _clusterChoice;
    private readonly FeistelPermutation _popularityRanks;
    private readonly int[]? _rankOfItem;
    private readonly int[]? _itemOfRank;
    private readonly double[]? _weights;
    private readonly double _maxWeight = 1;

    // Catalogues up to this size keep their popularity permutation as two int arrays (32 MB at the limit, the size
    // ItemCatalog caches positions up to); larger ones compute it with the Feistel network on every lookup.
    private const long TabulatedRanks = 4_000_000;

    /// <summary>The sentence model behind embedding text blocks; null: the hashed n-gram encoder (the default).</summary>
    public Text.TextVectorCache? TextVectors { get; init; }

    /// <summary>Builds the world of a scenario.</summary>
    public WorldModel(ScenarioDefinition scenario)
    {
        Scenario = scenario;
        Seed = scenario.Seed;
        WorldDefinition w = scenario.World;
        Dimensions = w.Dimensions;
        _latentAttributes = [.. scenario.Items.Attributes.OfType<CategoryAttribute>().Where(a => a.LatentWeight > 0)];
        foreach (CategoryAttribute a in scenario.Items.Attributes.OfType<CategoryAttribute>())
        {
            _centroids[a] = BuildCentroids(a);
            if (a.Stratify(scenario.Items.Count, Seed) is { } stratified)
            {
                _stratified[a] = stratified;
            }
        }

        ClusterCentroids = new float[w.Clusters.Count][];
        for (int c = 0; c < w.Clusters.Count; c++)
        {
            var centroid = w.Clusters[c].Centroid is { } explicitCentroid ? (float[])explicitCentroid.Clone() : new float[Dimensions];
            foreach (var (attribute, category) in w.Clusters[c].Likes)
            {
                VectorMath.AddScaled(centroid, _centroids[attribute][category], Math.Max(attribute.LatentWeight, 0.25));
            }

            VectorMath.Normalize(centroid);
            ClusterCentroids[c] = centroid;
        }

        _clusterChoice = w.Clusters.Count > 0 ? new AliasTable([.. w.Clusters.Select(c => c.Weight)]) : null;
        _firstCluster = w.StratifyClusters
            ? new StratifiedDraw([.. w.Clusters.Select(c => c.Weight)], scenario.Users.Count, StreamKey.Combine(Seed, StreamKey.Of("stratified:clusters")))
            : null;
        long items = scenario.Items.Count;
        _popularityRanks = new FeistelPermutation(items, StreamKey.Combine(Seed, StreamKey.Of("popularity")));
        double bias = scenario.Events.Choice.PreferencePopularityBias;
        if (w.PopularityWeights is { } weights)
        {
            // Listed weights rank the items (heaviest first, file order on ties); draws are ∝ weight, not Zipf.
            _weights = [.. weights];
            _itemOfRank = [.. Enumerable.Range(0, _weights.Length).OrderByDescending(i => _weights[i]).ThenBy(i => i)];
            _rankOfItem = new int[_itemOfRank.Length];
            for (int r = 0; r < _itemOfRank.Length; r++)
            {
                _rankOfItem[_itemOfRank[r]] = r;
            }

            _maxWeight = _weights[_itemOfRank[0]];
            double[] byRank = [.. _itemOfRank.Select(i => _weights[i])];
            PopularitySampler = new WeightedRankSampler(byRank);
            PreferenceProposal = bias > 0 ? new WeightedRankSampler([.. byRank.Select(x => Math.Pow(x, bias))]) : null;
        }
        else
        {
            if (items <= TabulatedRanks)
            {
                // Rank ↔ item as arrays: each draw of the event path costs a lookup instead of six Feistel rounds
                // each way; the same permutation, so the same output.
                _rankOfItem = new int[items];
                _itemOfRank = new int[items];
                for (int item = 0; item < items; item++)
                {
                    int rank = (int)_popularityRanks.Forward(item);
                    _rankOfItem[item] = rank;
                    _itemOfRank[rank] = item;
                }
            }

            PopularitySampler = new ZipfSampler(items, w.PopularityExponent);
            double biased = w.PopularityExponent * bias;
            PreferenceProposal = biased > 0 ? new ZipfSampler(items, biased) : null;
        }

        TimeProfile = new TimeProfile(scenario.Events.Time, scenario.Events.StartDate, scenario.Events.Days);
        LatentUsers = scenario.Users.Attributes.Any(a => a is CategoryAttribute { LatentWeight: > 0 } or SetAttribute { LatentWeight: > 0 });
        foreach (AttributeDefinition a in scenario.Entities.SelectMany(e => e.Attributes))
        {
            if (a is CategoryAttribute { LatentWeight: > 0 } or SetAttribute { LatentWeight: > 0 } && !_namedCentroids.ContainsKey(a.Name))
            {
                _namedCentroids[a.Name] = BuildCentroids(a.Name, a is SetAttribute s ? s.Categories : ((CategoryAttribute)a).Categories);
            }
        }

        if (scenario.Creators is { } creators)
        {
            _creatorRanks = new FeistelPermutation(creators.Count, StreamKey.Combine(Seed, StreamKey.Of("creator-popularity")));
            _creatorAttribute = scenario.Items.Attributes.OfType<WorldAttribute>().FirstOrDefault(a => a.Kind == WorldValueKind.Creator);

            // Creators are few (artists, brands): their positions are computed once and shared by every thread.
            _creatorPositions = new float[checked(creators.Count * Dimensions)];
            var sampler = new Generation.EntityRowSampler(creators, this);
            for (long c = 0; c < creators.Count; c++)
            {
                sampler.LatentPosition(c, _creatorPositions.AsSpan((int)(c * Dimensions), Dimensions));
            }
        }
    }

    /// <summary>Whether users get their taste position from their own latent attributes rather than from taste clusters.</summary>
    public bool LatentUsers { get; }

    /// <summary>
    /// Unit centroids of the categories of a set or categorical attribute, by attribute name: attributes of the same
    /// name share them, so an artist's genres, its songs' inherited genres and a listener's genre preferences meet.
    /// </summary>
    public float[][] CentroidsByName(string name, IReadOnlyList<Category> categories)
    {
        // Built up front for every latent attribute (see the constructor), so threads only read; others are built on demand.
        return _namedCentroids.TryGetValue(name, out float[][]? centroids) ? centroids : BuildCentroids(name, categories);
    }

    /// <summary>Popularity in (0, 1] of a creator: rank^-exponent over a seeded ranking of the creators.</summary>
    public double CreatorPopularity(long creator) => Math.Pow(_creatorRanks!.Forward(creator) + 1, -Scenario.World.CreatorPopularityExponent);

    /// <summary>Where a creator stands in the popularity ranking: 1 for the most popular, near 0 for the least.</summary>
    public double CreatorPercentile(long creator) => 1 - (double)_creatorRanks!.Forward(creator) / Scenario.Creators!.Count;

    /// <summary>Where an item stands in the popularity ranking: 1 for the most popular, near 0 for the least.</summary>
    public double ItemPercentile(long item) => 1 - (double)(PopularityRank(item) - 1) / Scenario.Items.Count;

    /// <summary>The creator of an item (see <see cref="CreatorLink"/>).</summary>
    public long CreatorOf(long item)
    {
        CreatorLink link = _creatorAttribute!.Creator!;
        long n = Scenario.Items.Count, c = Scenario.Creators!.Count;
        Rng rng = RngFor(ItemsKind, item, AttributeKey(_creatorAttribute));
        double u = Math.Pow((PopularityRank(item) - 0.5) / n, link.Skew) * Math.Exp(link.Noise * rng.NextGaussian());
        long rank = Math.Clamp((long)Math.Ceiling(u * c), 1, c);
        return _creatorRanks!.Inverse(rank - 1);
    }

    /// <summary>The unit taste position of a creator.</summary>
    public ReadOnlySpan<float> CreatorPosition(long creator) => _creatorPositions.AsSpan((int)(creator * Dimensions), Dimensions);

    /// <summary>The scenario.</summary>
    public ScenarioDefinition Scenario { get; }

    /// <summary>The master seed.</summary>
    public ulong Seed { get; }

    /// <summary>Latent dimensions.</summary>
    public int Dimensions { get; }

    /// <summary>Unit centroid of each taste cluster.</summary>
    public float[][] ClusterCentroids { get; }

    /// <summary>Draws popularity ranks (Zipf with the world's exponent, or ∝ the listed weights).</summary>
    public IRankSampler PopularitySampler { get; }

    /// <summary>Proposal for preference picks: ∝ popularity^bias (Zipf with exponent × bias, or weight^bias), or null for uniform.</summary>
    public IRankSampler? PreferenceProposal { get; }

    /// <summary>Each item's listed popularity weight, or null when popularity is Zipf by rank.</summary>
    public IReadOnlyList<double>? PopularityWeights => _weights;

    /// <summary>Local-time activity profile.</summary>
    public TimeProfile TimeProfile { get; }

    /// <summary>Unit centroids of an item categorical attribute's categories.</summary>
    public float[][] Centroids(CategoryAttribute attribute) => _centroids[attribute];

    /// <summary>The generator of one attribute (or purpose) of one entity.</summary>
    public Rng RngFor(ulong kind, long index, ulong stream) => Rng.For(Seed, kind, index, stream);

    /// <summary>Popularity rank (1 = most popular) of an item.</summary>
    public long PopularityRank(long item) => _rankOfItem is null ? _popularityRanks.Forward(item) + 1 : _rankOfItem[item] + 1L;

    /// <summary>Popularity in [0, 1]: rank^-exponent (or weight / the largest weight), so the most popular item has 1.</summary>
    public double Popularity(long item) => _weights is null ? Math.Pow(PopularityRank(item), -Scenario.World.PopularityExponent) : _weights[item] / _maxWeight;

    /// <summary>The item holding a popularity rank.</summary>
    public long ItemOfRank(long rank) => _itemOfRank is null ? _popularityRanks.Inverse(rank - 1) : _itemOfRank[rank - 1];

    /// <summary>Starts loading what <see cref="ItemOfRank"/> reads for <paramref name="rank"/> (a hint: no effect on any value).</summary>
    public unsafe void PrefetchItemOfRank(long rank)
    {
        if (_itemOfRank is { } items && System.Runtime.Intrinsics.X86.Sse.IsSupported && (ulong)(rank - 1) < (ulong)items.Length)
        {
            fixed (int* item = &items[rank - 1])
            {
                System.Runtime.Intrinsics.X86.Sse.Prefetch0(item);
            }
        }
    }

    /// <summary>Draws an item's category for a categorical attribute, exactly as the items table does.</summary>
    public int ItemCategory(CategoryAttribute attribute, long item)
    {
        if (_stratified.TryGetValue(attribute, out StratifiedDraw? stratified))
        {
            return stratified.Category(item);
        }

        Rng rng = RngFor(ItemsKind, item, AttributeKey(attribute));
        return attribute.Table.Sample(ref rng);
    }

    /// <summary>The stream key of an attribute.</summary>
    public static ulong AttributeKey(AttributeDefinition attribute) => StreamKey.Of(attribute.Name);

    /// <summary>Writes an item's unit taste position, drawing only the attributes it depends on.</summary>
    public void ItemPosition(long item, Span<float> position)
    {
        if (Scenario.World.ItemPositions is { } listed)
        {
            listed.AsSpan((int)(item * Dimensions), Dimensions).CopyTo(position);
            return;
        }

        position.Clear();
        foreach (CategoryAttribute a in _latentAttributes)
        {
            VectorMath.AddScaled(position, _centroids[a][ItemCategory(a, item)], a.LatentWeight);
        }

        if (_creatorAttribute is not null)
        {
            VectorMath.AddScaled(position, CreatorPosition(CreatorOf(item)), 1.0);
        }

        Rng rng = RngFor(ItemsKind, item, LatentStream);
        VectorMath.AddNoise(position, ref rng, Scenario.World.ItemNoise);
        VectorMath.Normalize(position);
    }

    /// <summary>The true affinity in (0, 1) of two unit positions.</summary>
    public double Affinity(ReadOnlySpan<float> user, ReadOnlySpan<float> item) => Affinity(VectorMath.Dot(user, item));

    /// <summary>The affinity of a cosine: 1 / (1 + exp(−κ (cos − μ))).</summary>
    public double Affinity(double cos) => 1.0 / (1.0 + Math.Exp(-Scenario.World.AffinitySharpness * (cos - Scenario.World.AffinityMidpoint)));

    private float[][] BuildCentroids(CategoryAttribute attribute) => BuildCentroids(attribute.Name, attribute.Categories);

    private float[][] BuildCentroids(string name, IReadOnlyList<Category> categories)
    {
        var result = new float[categories.Count][];
        ulong key = StreamKey.Combine(Seed, StreamKey.Of("centroid:" + name));
        for (int i = 0; i < result.Length; i++)
        {
            Category category = categories[i];
            var rng = new Rng(StreamKey.Combine(key, StreamKey.Of(category.Group)));
            float[] v = VectorMath.RandomUnit(ref rng, Dimensions);
            if (category.Group != category.Value)
            {
                // A sub-genre sits near its parent: parent direction plus a smaller own direction.
                var leaf = new Rng(StreamKey.Combine(key, StreamKey.Of(category.Value)));
                VectorMath.AddScaled(v, VectorMath.RandomUnit(ref leaf, Dimensions), 0.6);
                VectorMath.Normalize(v);
            }

            result[i] = v;
        }

        return result;
    }
}
