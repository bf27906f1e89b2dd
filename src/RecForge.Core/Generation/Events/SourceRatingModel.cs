using RecForge.Randomness;
using RecForge.Sampling;
using RecForge.Scenarios;

namespace RecForge.Generation.Events;

/// <summary>Ratings drawn from a histogram per choice source (<c>rating.by_source</c>).</summary>
internal sealed class SourceRatingModel(RatingDefinition rating) : IOutcomeModel
{
    private readonly AliasTable[] _bySource = [.. rating.BySource.Select(p => new AliasTable(p))];

    public void Begin(long user)
    {
    }

    public void Draw(long item, double affinity, ref Outcome outcome, ref Rng rng)
        => outcome.Rating = rating.Values[_bySource[(int)outcome.Source].Sample(ref rng)];
}
