using RecForge.Randomness;
using RecForge.Sampling;
using RecForge.Scenarios;

namespace RecForge.Generation.Events;

/// <summary>Fraction watched ~ Beta with mean rising linearly from <c>mean_low</c> to <c>mean_high</c> with affinity.</summary>
internal sealed class WatchTimeModel(WatchTimeDefinition watch) : IOutcomeModel
{
    public void Begin(long user)
    {
    }

    public void Draw(long item, double affinity, ref Outcome outcome, ref Rng rng)
    {
        double mean = watch.MeanLow + (watch.MeanHigh - watch.MeanLow) * affinity;
        outcome.Watch = BetaSampler.Draw(ref rng, mean * watch.Concentration, (1 - mean) * watch.Concentration);
    }
}
