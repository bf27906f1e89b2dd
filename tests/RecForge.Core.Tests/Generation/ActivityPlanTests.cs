using RecForge.Core.Tests.Scenarios;
using RecForge.Generation;
using RecForge.Scenarios;
using RecForge.Text;
using RecForge.World;

namespace RecForge.Core.Tests.Generation;

public class ActivityPlanTests
{
    [Theory]
    [InlineData(200, 0.5)]
    [InlineData(1500, 2.5)]
    [InlineData(2000, 3.0)]
    public void With_one_event_per_pair_no_user_gets_more_rows_than_items_and_the_total_is_exact(long events, double sigma)
    {
        // Given 20 users over 100 items, activity lognormal(σ); at 2,000 events every user must take exactly 100
        string yaml = ScenarioLoaderTests.Minimal.Replace("  count: 200", string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"  count: {events}\n  distinct_items: true\n  activity: {{ lognormal: {{ mu: 0, sigma: {sigma} }} }}"), StringComparison.Ordinal);
        ScenarioDefinition scenario = ScenarioLoader.LoadText(yaml, "tiny.yaml");
        var plan = new ActivityPlan(new WorldModel(scenario));

        // Then each user has 1..100 rows and they add up to the total from any starting point
        long sum = 0;
        for (long u = 0; u < scenario.Users.Count; u++)
        {
            Assert.InRange(plan.RowsOf(u), 1, scenario.Items.Count);
            Assert.Equal(sum, plan.RowsBefore(u));
            sum += plan.RowsOf(u);
        }

        Assert.Equal(events, sum);
    }

    [Fact]
    public void Without_the_cap_binding_the_plan_is_the_proportional_one()
    {
        // A cap that no share reaches leaves the plan (and so the output) as it was: at 100 events the heaviest of the
        // 20 users (58% of the activity weight at seed 1) has about 50 rows, under the 100 items
        ScenarioDefinition free = ScenarioLoader.LoadText(ScenarioLoaderTests.Minimal.Replace("  count: 200", "  count: 100\n  distinct_items: false", StringComparison.Ordinal), "tiny.yaml");
        ScenarioDefinition capped = ScenarioLoader.LoadText(ScenarioLoaderTests.Minimal.Replace("  count: 200", "  count: 100\n  distinct_items: true", StringComparison.Ordinal), "tiny.yaml");
        var a = new ActivityPlan(new WorldModel(free));
        var b = new ActivityPlan(new WorldModel(capped));
        Assert.True(Enumerable.Range(0, 20).Max(u => a.RowsOf(u)) < 100);
        Assert.Equal(string.Join(",", Enumerable.Range(0, 20).Select(u => a.RowsOf(u))), string.Join(",", Enumerable.Range(0, 20).Select(u => b.RowsOf(u))));
    }

    [Theory]
    [InlineData("Reunion of the Tender the Office", "Reunion of the Tender Office")]
    [InlineData("A the Docks", "The Docks")]
    [InlineData("A Roommates in Vegas", "Roommates in Vegas")]
    [InlineData("A Adventure in Orbit", "An Adventure in Orbit")]
    [InlineData("An Sword in the Underworld", "A Sword in the Underworld")]
    [InlineData("A Witness in a Locked Room", "A Witness in a Locked Room")]
    [InlineData("a one-man war and an hour", "a one-man war and an hour")]
    [InlineData("No article here", "No article here")]
    [InlineData("a \"Apple\" and an (Uniform)", "an \"Apple\" and a (Uniform)")]
    [InlineData("A  Énigme with  a  series", "A  Énigme with  a  series")]
    [InlineData("the A Über", "A Über")]

    // Words longer than the 64-letter stack buffer are judged in full (the last letter makes the plural).
    [InlineData("A Supercalifragilisticexpialidociouslysupercalifragilisticexpialidociouslyfantastics", "Supercalifragilisticexpialidociouslysupercalifragilisticexpialidociouslyfantastics")]
    [InlineData("An Supercalifragilisticexpialidociouslysupercalifragilisticexpialidociouslyfantastic", "A Supercalifragilisticexpialidociouslysupercalifragilisticexpialidociouslyfantastic")]
    public void Articles_agree_with_the_words_next_to_them(string text, string expected)
        => Assert.Equal(expected, ArticleAgreement.Apply(text));
}
