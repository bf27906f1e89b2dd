using RecForge.Output;
using RecForge.Sampling;
using RecForge.Scenarios;

namespace RecForge.Core.Tests.Scenarios;

public class RatingScenarioTests
{
    private const string Ratings = """
          rating:
            preference: { 5.0: 3, 4.0: 1 }
            histogram: { 1.0: 1, 3.0: 1 }
        """;

    private static ScenarioDefinition Load(string events) => ScenarioLoader.LoadText(ScenarioLoaderTests.Minimal + "\n" + events, "r.yaml");

    private static string Error(string events)
    {
        var e = Assert.Throws<ScenarioException>(() => Load(events));
        Assert.DoesNotContain('\n', e.Message);
        return e.Message;
    }

    [Fact]
    public void Per_source_histograms_are_normalised_and_mix_by_the_choice_shares()
    {
        RatingDefinition rating = Load(Ratings).Events.Rating!;
        Assert.Equal([1.0, 3.0, 4.0, 5.0], rating.Values);
        Assert.Equal([0, 0, 0.25, 0.75], rating.BySource[(int)ChoiceSource.Preference]);
        Assert.Equal([0.5, 0.5, 0, 0], rating.BySource[(int)ChoiceSource.Exploration]);

        // Default mix 0.6 / 0.3 / 0.1: 5.0 = 0.6 × 0.75, 1.0 = 0.4 × 0.5.
        double[] mixture = rating.Mixture(new ChoiceDefinition(0.6, 0.3, 0.1, 0, 0, 1));
        Assert.Equal(0.45, mixture[3], 12);
        Assert.Equal(0.2, mixture[0], 12);
        Assert.Equal(1.0, mixture.Sum(), 12);
    }

    [Fact]
    public void A_rating_column_replaces_the_type_column_of_a_scenario_without_funnel()
    {
        ScenarioDefinition scenario = Load(Ratings);
        Assert.Null(scenario.Events.Columns.Type);
        Assert.Equal(["user_id", "item_id", "rating", "timestamp"],
            RecForge.Generation.Events.InteractionSampler.BuildSchema(scenario).Columns.Select(c => c.Name));
        Assert.Equal(["user_id", "item_id", "timestamp"], RecForge.Generation.Events.InteractionSampler.BuildSchema(Load("")).Columns.Select(c => c.Name));
        Assert.Equal(["user_id", "item_id", "interaction_type", "timestamp"],
            RecForge.Generation.Events.InteractionSampler.BuildSchema(Load("  funnel: { view: {}, like: { min: 0.1, max: 0.5 } }\n")).Columns.Select(c => c.Name));
    }

    [Fact]
    public void Bad_rating_sections_name_the_field()
    {
        Assert.Contains("no distribution for 'popularity' picks", Error("  rating:\n    preference: { 5.0: 1 }\n"), StringComparison.Ordinal);
        Assert.Contains("expected a rating value (a number) as the key, got 'five'", Error("  rating:\n    histogram: { five: 1 }\n"), StringComparison.Ordinal);
        Assert.Contains("needs at least one rating value with a positive weight", Error("  rating:\n    histogram: { 5.0: 0 }\n"), StringComparison.Ordinal);
        Assert.StartsWith("r.yaml:", Error("  rating:\n    histogram: { 5.0: 1 }\n    median: 3\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(1000)]
    [InlineData(12345)]
    public void Stratified_draws_give_every_category_its_share_to_within_one(long n)
    {
        double[] weights = [0.15, 0.15, 0.15, 0.15, 0.15, 0.25];
        var draw = new StratifiedDraw(weights, n, 99);
        var counts = new long[weights.Length];
        for (long i = 0; i < n; i++)
        {
            counts[draw.Category(i)]++;
        }

        for (int c = 0; c < weights.Length; c++)
        {
            Assert.InRange(counts[c], Math.Floor(weights[c] * n) - 1, Math.Ceiling(weights[c] * n) + 1);
        }

        // A different key permutes who gets what, not how many.
        var other = new StratifiedDraw(weights, n, 100);
        Assert.Contains(Enumerable.Range(0, (int)Math.Min(n, 50)), i => other.Category(i) != draw.Category(i));
    }

    [Theory]
    [InlineData(5.0, "5.0")]
    [InlineData(4.5, "4.5")]
    [InlineData(-3.0, "-3.0")]
    [InlineData(1e21, "1E+21")]
    [InlineData(0.1, "0.1")]
    public void Whole_doubles_keep_a_decimal_point_in_text_formats(double value, string text)
        => Assert.Equal(text, TextValues.Double(value));
}
