using RecForge.Randomness;
using RecForge.World;

namespace RecForge.Generation.Events;

/// <summary>
/// The current user's taste: a position in the latent space and, for scenarios with interests
/// (<c>clusters_per_user.mix: picks</c>), one position per interest with its mixture weight. One instance per thread.
/// </summary>
internal sealed class UserTaste
{
    private readonly WorldModel _world;
    private readonly ItemCatalog _catalog;
    private readonly EntityRowSampler? _users;
    private readonly float[] _position;
    private readonly int[] _clusters;
    private readonly float[][] _interests = [];
    private readonly double[] _interestWeights = [];
    private int _interestCount;
    private long _knownItem = -1;
    private double _knownCosine;

    // users: The users' row sampler, needed when users' positions come from their attributes.
    public UserTaste(WorldModel world, ItemCatalog catalog, EntityRowSampler? users)
    {
        _world = world;
        _catalog = catalog;
        _users = users;
        _position = new float[world.Dimensions];
        _clusters = new int[world.Scenario.World.Clusters.Count];
        if (world.Scenario.World.MixByPicks)
        {
            int max = world.Scenario.World.ClustersPerUserMax;
            _interests = [.. Enumerable.Range(0, max).Select(_ => new float[world.Dimensions])];
            _interestWeights = new double[max];
        }
    }

    /// <summary>The user's own position (with interests, their weighted mean): what sequential coherence starts from.</summary>
    public float[] Position => _position;

    /// <summary>How many positions the user's preference picks follow: their interests, or one (their position).</summary>
    public int InterestCount => _interests.Length == 0 ? 1 : _interestCount;

    /// <summary>The position of interest <paramref name="j"/> (without interests, the user's position).</summary>
    public float[] Interest(int j) => _interests.Length == 0 ? _position : _interests[j];

    /// <summary>The mixture weight of interest <paramref name="j"/> (without interests, 1).</summary>
    public double InterestWeight(int j) => _interests.Length == 0 ? 1 : _interestWeights[j];

    /// <summary>The taste cluster of interest <paramref name="j"/> (with interests only).</summary>
    public int InterestCluster(int j) => _clusters[j];

    /// <summary>How many tables an exact sampler needs: one per interest, or one.</summary>
    public int Tables => Math.Max(1, _interests.Length);

    /// <summary>Places <paramref name="user"/>; draws nothing from the event stream.</summary>
    public void Begin(long user)
    {
        _knownItem = -1;
        if (_world.LatentUsers)
        {
            _users!.LatentPosition(user, _position);
        }
        else if (_interests.Length > 0)
        {
            // Interests: one position each; the user's own position (for coherence) is their weighted mean.
            _interestCount = _world.UserInterests(user, _interests, _interestWeights, _clusters);
            Array.Clear(_position);
            for (int j = 0; j < _interestCount; j++)
            {
                VectorMath.AddScaled(_position, _interests[j], _interestWeights[j]);
            }

            VectorMath.Normalize(_position);
        }
        else
        {
            _world.UserTaste(user, _position, _clusters);
        }
    }

    /// <summary>
    /// The taste a preference pick follows: with interests one of them, drawn by the mixture weights (one uniform draw),
    /// else the user's position (no draw).
    /// </summary>
    public float[] DrawInterest(ref Rng rng, out int interest)
    {
        interest = 0;
        if (_interests.Length == 0)
        {
            return _position;
        }

        double v = rng.NextDouble();
        while (interest < _interestCount - 1 && v >= _interestWeights[interest])
        {
            v -= _interestWeights[interest];
            interest++;
        }

        return _interests[interest];
    }

    /// <summary>
    /// Notes the cosine of <paramref name="item"/> to the user's own position, just computed by a pick, so that
    /// <see cref="Affinity"/> need not compute it again (only without interests, where that cosine is the affinity's).
    /// </summary>
    public void Know(long item, double cosine)
    {
        if (_interests.Length == 0)
        {
            (_knownItem, _knownCosine) = (item, cosine);
        }
    }

    /// <summary>The user's affinity to <paramref name="item"/>: to their position, or with interests the best of them.</summary>
    public double Affinity(long item)
    {
        if (item == _knownItem)
        {
            return _world.Affinity(_knownCosine);
        }

        ReadOnlySpan<float> position = _catalog.Position(item);
        if (_interests.Length == 0)
        {
            return _world.Affinity(_position, position);
        }

        double best = 0;
        for (int j = 0; j < _interestCount; j++)
        {
            best = Math.Max(best, _world.Affinity(_interests[j], position));
        }

        return best;
    }
}
