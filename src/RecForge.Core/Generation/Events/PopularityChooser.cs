using RecForge.Randomness;
using RecForge.World;

namespace RecForge.Generation.Events;

/// <summary>Popularity picks: an item by its Zipf (or listed-weight) rank, whoever the user is.</summary>
internal sealed class PopularityChooser(WorldModel world) : IItemChooser
{
    public long Pick(long previous, ref Rng rng) => world.ItemOfRank(world.PopularitySampler.SampleRank(ref rng));
}
