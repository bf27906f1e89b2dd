using RecForge.Randomness;

namespace RecForge.Generation.Events;

/// <summary>Exploration picks: any item of the catalogue, uniformly.</summary>
internal sealed class ExplorationChooser(long items) : IItemChooser
{
    public long Pick(long previous, ref Rng rng) => rng.NextInt64(items);
}
