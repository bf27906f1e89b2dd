using RecForge.Randomness;
using RecForge.Scenarios;

namespace RecForge.Generation.Events;

/// <summary>Funnel follow-ups (click, add-to-cart, purchase…): step k follows an exposure with a chance rising with affinity.</summary>
internal sealed class FunnelModel(IReadOnlyList<FunnelStep> steps)
{
    /// <summary>Steps, the exposure (step 0) included.</summary>
    public int Steps { get; } = steps.Count;

    /// <summary>Whether step <paramref name="step"/> (≥ 1) follows an exposure of the given affinity (one uniform draw).</summary>
    public bool Follows(int step, double affinity, ref Rng rng)
    {
        FunnelStep f = steps[step];
        return rng.NextDouble() < f.Min + (f.Max - f.Min) * affinity;
    }
}
