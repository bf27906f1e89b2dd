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
public sealed class WorldModel
{
    /// <summary>Key of the items entity kind.</summary>
    public static readonly ulong ItemsKind = StreamKey.Of("items");

    /// <summary>Key of the users entity kind.</summary>
    public static readonly ulong UsersKind = StreamKey.Of("users");

    /// <summary>Key of the events stream kind.</summary>
    public static readonly ulong EventsKind = StreamKey.Of("events");

    private static readonly ulong LatentStream = StreamKey.Of("latent");
    private static readonly ulong TasteStream = StreamKey.Of("taste");

    private readonly Dictionary<CategoryAttribute, float[][]> _centroids = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<CategoryAttribute, StratifiedDraw> _stratified = new(ReferenceEqualityComparer.Instance);
    private readonly StratifiedDraw? _firstCluster;
    private readonly CategoryAttribute[] _latentAttributes;
    private readonly AliasTable _clusterChoice;
    private readonly FeistelPermutation _popularityRanks;

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
            var centroid = new float[Dimensions];
            foreach (var (attribute, category) in w.Clusters[c].Likes)
            {
                VectorMath.AddScaled(centroid, _centroids[attribute][category], Math.Max(attribute.LatentWeight, 0.25));
            }

            VectorMath.Normalize(centroid);
            ClusterCentroids[c] = centroid;
        }

        _clusterChoice = new AliasTable([.. w.Clusters.Select(c => c.Weight)]);
        _firstCluster = w.StratifyClusters
            ? new StratifiedDraw([.. w.Clusters.Select(c => c.Weight)], scenario.Users.Count, StreamKey.Combine(Seed, StreamKey.Of("stratified:clusters")))
            : null;
        long items = scenario.Items.Count;
        _popularityRanks = new FeistelPermutation(items, StreamKey.Combine(Seed, StreamKey.Of("popularity")));
        PopularitySampler = new ZipfSampler(items, w.PopularityExponent);
        double biased = w.PopularityExponent * scenario.Events.Choice.PreferencePopularityBias;
        PreferenceProposal = biased > 0 ? new ZipfSampler(items, biased) : null;
        TimeProfile = new TimeProfile(scenario.Events.Time, scenario.Events.StartDate, scenario.Events.Days);
    }

    /// <summary>The scenario.</summary>
    public ScenarioDefinition Scenario { get; }

    /// <summary>The master seed.</summary>
    public ulong Seed { get; }

    /// <summary>Latent dimensions.</summary>
    public int Dimensions { get; }

    /// <summary>Unit centroid of each taste cluster.</summary>
    public float[][] ClusterCentroids { get; }

    /// <summary>Draws popularity ranks (Zipf with the world's exponent).</summary>
    public ZipfSampler PopularitySampler { get; }

    /// <summary>Proposal for preference picks: Zipf with exponent × bias, or null for uniform.</summary>
    public ZipfSampler? PreferenceProposal { get; }

    /// <summary>Local-time activity profile.</summary>
    public TimeProfile TimeProfile { get; }

    /// <summary>Unit centroids of an item categorical attribute's categories.</summary>
    public float[][] Centroids(CategoryAttribute attribute) => _centroids[attribute];

    /// <summary>The generator of one attribute (or purpose) of one entity.</summary>
    public Rng RngFor(ulong kind, long index, ulong stream) => Rng.For(Seed, kind, index, stream);

    /// <summary>Popularity rank (1 = most popular) of an item.</summary>
    public long PopularityRank(long item) => _popularityRanks.Forward(item) + 1;

    /// <summary>Popularity in (0, 1]: rank^-exponent, so the most popular item has 1.</summary>
    public double Popularity(long item) => Math.Pow(PopularityRank(item), -Scenario.World.PopularityExponent);

    /// <summary>The item holding a popularity rank.</summary>
    public long ItemOfRank(long rank) => _popularityRanks.Inverse(rank - 1);

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
        position.Clear();
        foreach (CategoryAttribute a in _latentAttributes)
        {
            VectorMath.AddScaled(position, _centroids[a][ItemCategory(a, item)], a.LatentWeight);
        }

        Rng rng = RngFor(ItemsKind, item, LatentStream);
        VectorMath.AddNoise(position, ref rng, Scenario.World.ItemNoise);
        VectorMath.Normalize(position);
    }

    /// <summary>Writes a user's unit taste position and the clusters it is made of, strongest first; returns their count.</summary>
    public int UserTaste(long user, Span<float> position, Span<int> clusters)
    {
        WorldDefinition w = Scenario.World;
        Rng rng = RngFor(UsersKind, user, TasteStream);
        int k = w.ClustersPerUserMin + rng.NextInt32(w.ClustersPerUserMax - w.ClustersPerUserMin + 1);
        Span<double> weights = stackalloc double[k];
        double total = 0;
        for (int j = 0; j < k; j++)
        {
            int c;
            if (j == 0 && _firstCluster is not null)
            {
                c = _firstCluster.Category(user);
            }
            else
            {
                do
                {
                    c = _clusterChoice.Sample(ref rng);
                }
                while (clusters[..j].Contains(c));
            }

            clusters[j] = c;
            weights[j] = GammaSampler.Draw(ref rng, 1.0);
            total += weights[j];
        }

        // Strongest first: the first drawn cluster gets the largest mixture weight, so cluster shares follow the weights.
        weights.Sort();
        weights.Reverse();
        position.Clear();
        for (int j = 0; j < k; j++)
        {
            VectorMath.AddScaled(position, ClusterCentroids[clusters[j]], weights[j] / total);
        }

        VectorMath.AddNoise(position, ref rng, w.UserNoise);
        VectorMath.Normalize(position);
        return k;
    }

    /// <summary>The true affinity in (0, 1) of two unit positions.</summary>
    public double Affinity(ReadOnlySpan<float> user, ReadOnlySpan<float> item)
    {
        double cos = VectorMath.Dot(user, item);
        return 1.0 / (1.0 + Math.Exp(-Scenario.World.AffinitySharpness * (cos - Scenario.World.AffinityMidpoint)));
    }

    private float[][] BuildCentroids(CategoryAttribute attribute)
    {
        var result = new float[attribute.Categories.Count][];
        ulong key = StreamKey.Combine(Seed, StreamKey.Of("centroid:" + attribute.Name));
        for (int i = 0; i < result.Length; i++)
        {
            Category category = attribute.Categories[i];
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
