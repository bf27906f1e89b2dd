using RecForge.Evaluation;
using RecForge.Sampling;
using RecForge.Scenarios;
using RecForge.World;

namespace RecForge.Core.Tests.Evaluation;

/// <summary>Issue 18's parts that need no log: the tie-aware split, ALS, Kendall τ, twin scaling, the own-factor table and the fixed-order dot product.</summary>
public class TwinAtAnySizeUnitTests
{
    [Fact]
    public void Ties_are_shuffled_by_a_seeded_hash_and_distinct_times_keep_their_order()
    {
        int[] items = [10, 11, 12, 13, 14, 15];
        long[] times = [1, 2, 2, 2, 2, 9];
        int[] order = HistoryOrder.Of(items, times, 42);
        Assert.Equal((10, 15), (order[0], order[^1]));
        Assert.Equal([11, 12, 13, 14], order[1..5].Order());
        Assert.Equal(order, HistoryOrder.Of(items, times, 42));

        // Without times the whole history is one tie: over seeds, each item leads about as often (not the file's order).
        long[] none = new long[6];
        var firsts = Enumerable.Range(0, 600).Select(s => HistoryOrder.Of(items, none, (ulong)s)[0]).GroupBy(i => i).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(6, firsts.Count);
        Assert.All(firsts.Values, n => Assert.InRange(n, 60, 140)); // 100 expected, ± 4 sd of a binomial(600, 1/6)
    }

    [Fact]
    public void The_tied_share_and_whether_a_log_has_times_are_measured()
    {
        var items = new ItemIndex();
        InteractionLog log = InteractionLog.Build(
            [new("a", "1", 1, 5), new("a", "2", 1, 5), new("a", "3", 1, 6), new("b", "1", 1, 7)], items);
        Assert.Equal(0.5, HistoryOrder.TiedShare(log), 12);
        Assert.True(HistoryOrder.IsTimed(log));
        Assert.False(HistoryOrder.IsTimed(InteractionLog.Build([new("a", "1", 1, 0), new("b", "2", 1, 0)], items)));
    }

    [Fact]
    public void Als_recommends_the_items_of_the_users_taste_group()
    {
        // Two groups of 20 users over items 0–4 and 5–9; a user holding item 0 should be offered 1–4 first.
        int[][] histories = [.. Enumerable.Range(0, 40).Select(u => Enumerable.Range(u < 20 ? 0 : 5, 5).Where(i => i % 5 != u % 5).ToArray())];
        var model = new AlsRecommender(factors: 2, lambda: 1, alpha: 2, sweeps: 10);
        model.Fit(histories, 10);
        var scores = new double[10];
        model.Score([0], scores);
        double worstInGroup = new[] { scores[1], scores[2], scores[3], scores[4] }.Min();
        double bestOutside = scores[5..].Max();
        Assert.True(worstInGroup > bestOutside, string.Join(", ", scores.Select(s => s.ToString("F3", System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void Kendall_tau_counts_concordant_and_discordant_model_pairs()
    {
        UtilityScore M(string name, double real, double synthetic) => new(name, real, 0, synthetic, 0, 1);
        var same = new EvaluationReport([], [M("a", 1, 1), M("b", 2, 2), M("c", 3, 3), M("d", 4, 4)], new(0, 0, 0, 0, 0, 0), 1, 1, 1, 1);
        Assert.Equal(1.0, same.KendallTau);

        // One swapped pair of six: (5 − 1) / 6.
        var swapped = same with { Utility = [M("a", 1, 1), M("b", 2, 2), M("c", 3, 4), M("d", 4, 3)] };
        Assert.Equal(4.0 / 6, swapped.KendallTau, 12);
    }

    [Theory]
    [InlineData("users.count=50", 50, 500)]
    [InlineData("events.count=1000", 100, 1000)]
    public void A_fitted_scenario_scales_users_and_events_together(string set, long users, long events)
    {
        ScenarioDefinition twin = ScenarioLoader.LoadText(TwinYaml(fitted: true), "twin.yaml", [set]);
        Assert.Equal((users, events), (twin.Users.Count, twin.Events.Count));

        // Both given: taken as they are; a scenario that is not a twin keeps its event count.
        ScenarioDefinition both = ScenarioLoader.LoadText(TwinYaml(fitted: true), "twin.yaml", ["users.count=10", "events.count=500"]);
        Assert.Equal((10L, 500L), (both.Users.Count, both.Events.Count));
        ScenarioDefinition plain = ScenarioLoader.LoadText(TwinYaml(fitted: false), "plain.yaml", ["users.count=6100"]);
        Assert.Equal((6100L, 200L), (plain.Users.Count, plain.Events.Count));
    }

    [Fact]
    public void The_own_factor_table_holds_lognormal_quantiles_with_mean_one()
    {
        double[] table = LognormalTable.Of(1.0);
        Assert.Equal(65_536, table.Length);
        Assert.Equal(1.0, table.Average(), 2); // the midpoint quantiles lose a little of the upper tail's mass
        Assert.Equal(Math.Exp(-0.5), (table[32_767] + table[32_768]) / 2, 4); // the median of exp(z − ½)
        Assert.Equal(-1.959964, LognormalTable.NormalQuantile(0.025), 6);
        Assert.Equal(3.090232, LognormalTable.NormalQuantile(0.999), 6);
    }

    [Fact]
    public void The_fixed_order_dot_product_matches_the_plain_one()
    {
        var rng = new RecForge.Randomness.Rng(5);
        foreach (int n in new[] { 1, 7, 8, 9, 183, 384 })
        {
            float[] a = [.. Enumerable.Range(0, n).Select(_ => (float)rng.NextGaussian())], b = [.. Enumerable.Range(0, n).Select(_ => (float)rng.NextGaussian())];
            Assert.Equal(VectorMath.Dot(a, b), VectorMath.DotFixed(a, b), 3);
        }
    }

    // The loader tests' minimal scenario (20 users, 200 events), with a fit section when it is a twin.
    private static string TwinYaml(bool fitted) => (fitted ? "fit: { source: ratings.csv, users: 20 }\n" : "") + Scenarios.ScenarioLoaderTests.Minimal;
}
