using RecForge.Randomness;
using RecForge.Sampling;
using RecForge.Scenarios;
using RecForge.World;

namespace RecForge.Generation.Events;

/// <summary>
/// Exact preference picks (<c>choice.sampler: exact</c>): for the current user, one table per interest holding
/// weight^bias × affinity × the user's own item factor for every item not yet taken, sampled in O(log n) with a
/// Fenwick tree. A table is built on the user's first pick of that interest; a taken item's weight is zeroed in every
/// built table, so picks never repeat. One instance per thread.
/// </summary>
internal sealed class ExactPreference
{
    private static readonly ulong IdiosyncrasyStream = StreamKey.Of("idiosyncrasy");

    private readonly WorldModel _world;
    private readonly ItemCatalog _catalog;
    private readonly double _idiosyncrasy;
    private readonly FenwickSampler[] _tables;
    private readonly bool[] _ready;
    private readonly double[] _weights;
    private readonly double[] _proposal;
    private readonly double[]? _ownFactors;
    private readonly PlantedPicks? _planted;
    private int[] _plantedItems = [];
    private int _plantedNext;
    private long _rows;
    private long _picks;
    private double _proposalBias = double.NaN;
    private double _bias;
    private long _user;

    public ExactPreference(WorldModel world, ItemCatalog catalog, int tables)
    {
        _world = world;
        _catalog = catalog;
        _idiosyncrasy = world.Scenario.Events.Choice.Idiosyncrasy;
        _tables = [.. Enumerable.Range(0, tables).Select(_ => new FenwickSampler())];
        _ready = new bool[tables];
        _weights = new double[checked((int)catalog.Count)];
        _proposal = new double[_weights.Length];
        _ownFactors = _idiosyncrasy > 0 ? LognormalTable.Of(_idiosyncrasy) : null;
        _planted = world.Scenario.Events.Choice.Planted is null ? null : PlantedPicks.For(world, catalog);
    }

    /// <summary>
    /// Starts a user with <paramref name="rows"/> events: no table is built yet. Their popularity exponent is the
    /// scenario's, times (rows / mean rows per user)^<c>activity_bias_slope</c> (heavy users pick less popular items).
    /// </summary>
    public void Begin(long user, long rows)
    {
        _user = user;
        _bias = UserBias(_world.Scenario, rows);
        Array.Clear(_ready);
        _plantedItems = _planted?.Of(user) ?? [];
        _plantedNext = 0;
        _rows = rows;
        _picks = 0;
    }

    /// <summary>The popularity exponent of a user with <paramref name="rows"/> events (see <see cref="Begin"/>).</summary>
    public static double UserBias(ScenarioDefinition scenario, long rows)
    {
        ChoiceDefinition choice = scenario.Events.Choice;
        return choice.ActivityBiasSlope == 0 ? choice.PreferencePopularityBias
            : choice.PreferencePopularityBias * Math.Pow(rows / Math.Max(1.0, (double)scenario.Events.Count / scenario.Users.Count), choice.ActivityBiasSlope);
    }

    /// <summary>The key of a user's own item factors (see <see cref="OwnFactor"/>).</summary>
    public static ulong OwnKey(WorldModel world, long user) => StreamKey.Combine(world.Seed, WorldModel.UsersKind, (ulong)user, IdiosyncrasyStream);

    /// <summary>A user's own factor for <paramref name="item"/>: one of the lognormal quantiles of <paramref name="table"/>, picked by a hash.</summary>
    public static double OwnFactor(double[] table, ulong key, long item) => table[Rng.Mix(key + ((ulong)item * 0x9E3779B97F4A7C15UL)) >> 48];

    /// <summary>An item's weight in preference proposals: listed weight^bias, or rank^(−exponent · bias); 1 when bias is 0.</summary>
    public static double ProposalWeight(WorldModel world, long item, double bias)
        => bias == 0 ? 1 : world.PopularityWeights is { } w ? Math.Pow(w[(int)item], bias) : Math.Pow(world.PopularityRank(item), -world.Scenario.World.PopularityExponent * bias);

    /// <summary>Draws an item for interest <paramref name="table"/> (position <paramref name="taste"/>), or −1 when no weight is left.</summary>
    public int Sample(int table, ReadOnlySpan<float> taste, HashSet<long> seen, ref Rng rng)
    {
        if (!_ready[table])
        {
            Tabulate(table, taste, seen);
        }

        return _tables[table].Sample(ref rng);
    }

    /// <summary>
    /// One of the user's planted items not yet taken, with probability (planted items left) / (picks left), so that
    /// they fall at random places in the history; −1 otherwise. Draws nothing for users without planted items.
    /// </summary>
    public long SamplePlanted(HashSet<long> seen, ref Rng rng)
    {
        while (_plantedNext < _plantedItems.Length && seen.Contains(_plantedItems[_plantedNext]))
        {
            _plantedNext++;
        }

        int left = _plantedItems.Length - _plantedNext;
        if (left == 0 || rng.NextDouble() * Math.Max(1, _rows - _picks) >= left)
        {
            return -1;
        }

        return _plantedItems[_plantedNext++];
    }

    /// <summary>The user took <paramref name="item"/>: it is never drawn again for them.</summary>
    public void Take(long item)
    {
        _picks++;
        for (int j = 0; j < _tables.Length; j++)
        {
            if (_ready[j])
            {
                _tables[j].Set((int)item, 0);
            }
        }
    }

    // The own factors are the user's, shared by their interests: a 16-bit hash of (user, item) picks one of 65,536
    // equally likely lognormal quantiles (the table), which costs a multiply and two shifts where a keyed Gaussian
    // draw and an exponential cost ~40 times as much; the cosine is a fixed-order single-precision dot product.
    private void Tabulate(int table, ReadOnlySpan<float> taste, HashSet<long> seen)
    {
        double[] proposal = Proposal(_bias);
        ulong key = OwnKey(_world, _user);
        double[]? own = _ownFactors;
        for (int i = 0; i < _weights.Length; i++)
        {
            double popularity = proposal[i];
            if (popularity == 0 || (seen.Count > 0 && seen.Contains(i)))
            {
                _weights[i] = 0;
                continue;
            }

            double affinity = _world.Affinity(VectorMath.DotFixed(taste, _catalog.Position(i)));
            _weights[i] = popularity * affinity * (own is null ? 1 : OwnFactor(own, key, i));
        }

        _tables[table].Fill(_weights);
        _ready[table] = true;
    }

    // Every item's popularity^bias: listed weight^bias, or rank^(−exponent · bias) as the Zipf proposal draws it.
    // Recomputed only when the bias changes (never, unless it moves with activity).
    private double[] Proposal(double bias)
    {
        if (bias != _proposalBias)
        {
            for (int i = 0; i < _proposal.Length; i++)
            {
                _proposal[i] = ProposalWeight(_world, i, bias);
            }

            _proposalBias = bias;
        }

        return _proposal;
    }
}
