using RecForge.Generation;
using RecForge.Generation.Events;
using RecForge.Sampling;
using RecForge.Scenarios;
using RecForge.World;

namespace RecForge.Truth;

/// <summary>
/// The generator's own choice model evaluated over the whole catalogue for one user at a time: each item's true
/// affinity and its expected choice probability. One instance per thread.
/// </summary>
/// <remarks>
/// P(i | u) = preference · Σ_j weight_j · w_j(i) / Σ_k w_j(k) + popularity · share(i) + exploration / n, with
/// w_j(i) = popularity(i)^bias_u · affinity(interest j, i) · own(u, i): the probability of the first pick of a session,
/// before sequential coherence and the no-repeat rule. The rejection sampler draws ∝ popularity^bias · affinity exactly
/// (up to its try limit), the exact sampler from the same weights times the user's own factors.
/// </remarks>
internal sealed class ChoiceOracle
{
    private readonly WorldModel _world;
    private readonly ItemCatalog _catalog;
    private readonly ActivityPlan _activity;
    private readonly ChoiceDefinition _choice;
    private readonly double[] _share;
    private readonly double[] _proposal;
    private readonly double[] _weights;
    private readonly double[]? _ownFactors;
    private double _proposalBias = double.NaN;

    public ChoiceOracle(WorldModel world, ItemCatalog catalog, ActivityPlan activity)
    {
        _world = world;
        _catalog = catalog;
        _activity = activity;
        _choice = world.Scenario.Events.Choice;
        bool latent = world.LatentUsers;
        Taste = new UserTaste(world, catalog, latent ? new EntityRowSampler(world.Scenario.Users, world) : null);
        int n = checked((int)catalog.Count);
        Affinity = new double[n];
        Probability = new double[n];
        _proposal = new double[n];
        _weights = new double[n];

        // Popularity picks draw a rank ∝ rank^-exponent (or an item ∝ its listed weight): the proposal at bias 1.
        _share = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            _share[i] = ExactPreference.ProposalWeight(world, i, 1);
            total += _share[i];
        }

        for (int i = 0; i < n; i++)
        {
            _share[i] /= total;
        }

        _ownFactors = _choice.Exact && _choice.Idiosyncrasy > 0 ? LognormalTable.Of(_choice.Idiosyncrasy) : null;
    }

    /// <summary>The current user's taste.</summary>
    public UserTaste Taste { get; }

    /// <summary>The current user's popularity exponent in preference picks.</summary>
    public double Bias { get; private set; }

    /// <summary>Each item's true affinity to the current user (with interests, the largest).</summary>
    public double[] Affinity { get; }

    /// <summary>Each item's probability of being the current user's pick.</summary>
    public double[] Probability { get; }

    /// <summary>Evaluates <paramref name="user"/>: fills <see cref="Affinity"/> and <see cref="Probability"/>.</summary>
    public void Begin(long user)
    {
        Taste.Begin(user);
        Bias = _choice.Exact ? ExactPreference.UserBias(_world.Scenario, _activity.RowsOf(user)) : _choice.PreferencePopularityBias;
        double[] proposal = Proposal(Bias);
        int n = Affinity.Length;
        double uniform = _choice.Exploration / n;
        for (int i = 0; i < n; i++)
        {
            Probability[i] = _choice.Popularity * _share[i] + uniform;
            Affinity[i] = 0;
        }

        ulong key = ExactPreference.OwnKey(_world, user);
        for (int j = 0; j < Taste.InterestCount; j++)
        {
            float[] interest = Taste.Interest(j);
            double z = 0;
            for (int i = 0; i < n; i++)
            {
                double a = _world.Affinity(interest, _catalog.Position(i));
                Affinity[i] = Math.Max(Affinity[i], a);
                double w = proposal[i] * a * (_ownFactors is null ? 1 : ExactPreference.OwnFactor(_ownFactors, key, i));
                _weights[i] = w;
                z += w;
            }

            double scale = z > 0 ? _choice.Preference * Taste.InterestWeight(j) / z : 0;
            for (int i = 0; i < n; i++)
            {
                Probability[i] += scale * _weights[i];
            }
        }
    }

    private double[] Proposal(double bias)
    {
        if (bias != _proposalBias)
        {
            for (int i = 0; i < _proposal.Length; i++)
            {
                _proposal[i] = ExactPreference.ProposalWeight(_world, i, bias);
            }

            _proposalBias = bias;
        }

        return _proposal;
    }
}
