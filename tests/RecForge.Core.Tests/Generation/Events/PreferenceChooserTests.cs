using RecForge.Core.Tests.Scenarios;
using RecForge.Generation;
using RecForge.Generation.Events;
using RecForge.Randomness;
using RecForge.Scenarios;
using RecForge.World;

namespace RecForge.Core.Tests.Generation.Events;

public class PreferenceChooserTests
{
    [Theory]
    [InlineData(3000, 3000)]
    [InlineData(3000, 200)]
    public void Picks_that_fetch_ahead_are_the_picks_of_the_plain_loop(int items, long held)
    {
        // Given a world whose preference picks go by rejection from a Zipf proposal, with the default sequential coherence of 0.5 (so
        // some picks aim between the taste and the previous item), and two catalogues of it: one that fetches the next attempts
        // ahead (as catalogues past 16 MB of positions do) and one that judges one attempt at a time; in the second case
        // only the 200 most popular positions are held and the rest are recomputed
        string yaml = ScenarioLoaderTests.Minimal.Replace("  count: 100\n", FormattableString.Invariant($"  count: {items}\n"), StringComparison.Ordinal);
        var world = new WorldModel(ScenarioLoader.LoadText(yaml, "tiny.yaml"));
        Assert.NotNull(world.PreferenceProposal);
        var plain = new ItemCatalog(world, 1, default, held, fetchAheadBytes: long.MaxValue);
        var ahead = new ItemCatalog(world, 1, default, held, fetchAheadBytes: 0);
        Assert.False(plain.FetchAhead);
        Assert.True(ahead.FetchAhead);
        var plainTaste = new UserTaste(world, plain, null);
        var aheadTaste = new UserTaste(world, ahead, null);
        var one = new PreferenceChooser(world, plain, plainTaste, null, []);
        var other = new PreferenceChooser(world, ahead, aheadTaste, null, []);

        // When each user makes the same 300 picks from the same generator state on both
        int coherent = 0;
        for (long user = 0; user < 20; user++)
        {
            plainTaste.Begin(user);
            aheadTaste.Begin(user);
            Rng a = Rng.For(1, 2, user, 3), b = a;
            long previous = -1;
            for (int pick = 0; pick < 300; pick++)
            {
                long item = one.Pick(previous, ref a);

                // Then every pick is the same item, with the same affinity known, and the generator is left in the same state
                Assert.Equal(item, other.Pick(previous, ref b));
                Assert.Equal(one.LastCoherent, other.LastCoherent);
                Assert.Equal(plainTaste.Affinity(item), aheadTaste.Affinity(item));
                Assert.Equal(a.NextUInt64(), b.NextUInt64());
                coherent += one.LastCoherent ? 1 : 0;
                previous = item;
            }
        }

        // Both kinds of pick were met (coherence 0.5 of 6,000 picks: ~3,000 coherent; the bounds are ±25 standard deviations)
        Assert.InRange(coherent, 2000, 4000);
    }
}
