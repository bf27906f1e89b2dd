using RecForge.Core.Tests.Scenarios;
using RecForge.Generation;
using RecForge.Randomness;
using RecForge.Scenarios;
using RecForge.World;

namespace RecForge.Core.Tests.Generation;

public class ItemCatalogTests
{
    [Fact]
    public void Positions_are_the_same_whether_cached_or_recomputed()
    {
        // Given a catalogue that caches only its 10 most popular items, and one that caches all of them
        ScenarioDefinition scenario = ScenarioLoader.LoadText(ScenarioLoaderTests.Minimal, "tiny.yaml");
        var world = new WorldModel(scenario);
        var partial = new ItemCatalog(world, 1, default, cachedItems: 10);
        var full = new ItemCatalog(world, 1, default);

        // Then every item's position is identical and of unit length, so interaction output cannot depend on the cache size
        for (long item = 0; item < scenario.Items.Count; item++)
        {
            float[] expected = full.Position(item).ToArray();
            Assert.Equal(expected, partial.Position(item).ToArray());
            Assert.Equal(1.0, Math.Sqrt(VectorMath.Dot(expected, expected)), 5);
        }
    }

    [Fact]
    public void Popular_items_follow_the_zipf_popularity()
    {
        ScenarioDefinition scenario = ScenarioLoader.LoadText(ScenarioLoaderTests.Minimal.Replace("  latent_dimensions: 8", "  latent_dimensions: 8\n  popularity: { exponent: 1.5 }", StringComparison.Ordinal), "tiny.yaml");
        var world = new WorldModel(scenario);
        long top = world.ItemOfRank(1);
        Assert.Equal(1, world.PopularityRank(top));
        Assert.Equal(1.0, world.Popularity(top));
        Assert.Equal(Math.Pow(2, -1.5), world.Popularity(world.ItemOfRank(2)), 12);
    }

    [Fact]
    public void Tabulated_ranks_are_the_feistel_permutation()
    {
        // Given a catalogue small enough for its popularity permutation to be kept as arrays
        ScenarioDefinition scenario = ScenarioLoader.LoadText(ScenarioLoaderTests.Minimal.Replace("  count: 100\n", "  count: 5000\n", StringComparison.Ordinal), "tiny.yaml");
        var world = new WorldModel(scenario);
        var feistel = new FeistelPermutation(scenario.Items.Count, StreamKey.Combine(scenario.Seed, StreamKey.Of("popularity")));

        // Then every rank and item is the one the keyed Feistel network gives (what larger catalogues compute each time),
        // so output does not depend on which way a catalogue takes
        Assert.Equal(5000, scenario.Items.Count);
        for (long item = 0; item < scenario.Items.Count; item++)
        {
            Assert.Equal(feistel.Forward(item) + 1, world.PopularityRank(item));
            Assert.Equal(feistel.Inverse(item), world.ItemOfRank(item + 1));
        }
    }
}
