using RecForge.Randomness;
using RecForge.Scenarios;
using RecForge.World;

namespace RecForge.Generation.Events;

/// <summary>
/// The fitted ordinal rating model (<c>rating.model</c>): z = b_u + b_i + w · affinity + s_u · ε; the rating is the
/// value whose threshold interval holds z. A user's bias and spread are drawn once, from their own stream.
/// </summary>
internal sealed class OrdinalRatingModel : IOutcomeModel
{
    private static readonly ulong RatingStream = StreamKey.Of("rating-model");

    private readonly WorldModel _world;
    private readonly double[] _values;
    private readonly RatingModel _model;
    private readonly double[] _itemBias = [];
    private double _userBias, _userNoise;

    public OrdinalRatingModel(WorldModel world, ItemCatalog catalog, RatingDefinition rating, RatingModel model)
    {
        _world = world;
        _values = rating.Values;
        _model = model;
        if (model.ItemBias is { } bias)
        {
            _itemBias = catalog.Numbers(bias);
        }
    }

    public void Begin(long user) => (_userBias, _userNoise) = UserTerms(_world, _model, user);

    /// <summary>A user's rating bias b_u and noise s_u, drawn once from their own stream.</summary>
    public static (double Bias, double Noise) UserTerms(WorldModel world, RatingModel model, long user)
    {
        Rng rng = world.RngFor(WorldModel.UsersKind, user, RatingStream);
        double bias = model.UserBias.Sample(ref rng);
        return (bias, Math.Max(0, model.Noise.Sample(ref rng)));
    }

    public void Draw(long item, double affinity, ref Outcome outcome, ref Rng rng)
    {
        double z = _userBias + (_itemBias.Length > 0 ? _itemBias[item] : 0) + _model.AffinityWeight * affinity + _userNoise * rng.NextGaussian();
        int index = Array.BinarySearch(_model.Thresholds, z);
        outcome.Rating = _values[index >= 0 ? index + 1 : ~index];
    }
}
