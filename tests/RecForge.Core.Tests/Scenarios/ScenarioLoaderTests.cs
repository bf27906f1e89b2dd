using RecForge.Scenarios;

namespace RecForge.Core.Tests.Scenarios;

public class ScenarioLoaderTests
{
    /// <summary>A small valid scenario; tests break one thing at a time.</summary>
    internal const string Minimal = """
        name: tiny
        seed: 1
        world:
          latent_dimensions: 8
          taste_clusters:
            a: { weight: 1, likes: { color: [red] } }
            b: { weight: 1, likes: { color: [blue] } }
          clusters_per_user: { min: 1, max: 2 }
        items:
          count: 100
          id: { column: item_id, format: "item_{n}" }
          attributes:
            color:
              latent_weight: 1
              categorical: { red: 0.5, blue: 0.5 }
            price:
              lognormal: { mu: 2, sigma: 0.5 }
        users:
          count: 20
          id: { column: user_id, format: "U{0000}" }
          attributes:
            age: { uniform_int: { min: 18, max: 70 } }
        events:
          count: 200
        """;

    private static string Load(string yaml, params string[] overrides)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadText(yaml, "bad.yaml", overrides));
        Assert.DoesNotContain('\n', e.Message);
        return e.Message;
    }

    [Fact]
    public void The_media_scenario_loads_with_every_field_of_the_design()
    {
        ScenarioDefinition media = ScenarioLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "scenarios", "media.yaml"));
        Assert.Equal("media", media.Name);
        Assert.Equal("content_id", media.Items.IdColumn);
        string[] columns = ["title", "description", "genre", "mood", "release_year", "cultural_context", "popularity", "embedding"];
        Assert.All(columns, c => Assert.True(media.Items.Find(c)?.Output, c));
        var mood = (CategoryAttribute)media.Items.Find("mood")!;
        Assert.Equal(["Uplifting", "Melancholic", "Tense", "Romantic", "Comedic"], mood.Categories.Select(c => c.Value));
        var embedding = (WorldAttribute)media.Items.Find("embedding")!;
        Assert.Equal(1024, embedding.Embedding!.Dimension);
        Assert.Equal([384, 512, 128], embedding.Embedding.Blocks.Select(b => b.Dimension));
        Assert.Equal(["genre"], media.Items.PartitionBy);
        Assert.Equal(["view", "like", "save", "share"], media.Events.Funnel.Select(f => f.Name));
    }

    [Fact]
    public void Attributes_are_ordered_so_dependencies_come_first()
    {
        ScenarioDefinition media = ScenarioLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "scenarios", "media.yaml"));
        int Slot(string name) => media.Items.Find(name)!.Slot;
        Assert.True(Slot("release_year") < Slot("era"));
        Assert.True(Slot("era") < Slot("cultural_context"));
        Assert.True(Slot("title") < Slot("embedding"));
        Assert.True(Slot("origin") < Slot("language"));
    }

    [Fact]
    public void Each_attribute_records_the_attributes_it_reads()
    {
        ScenarioDefinition media = ScenarioLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "scenarios", "media.yaml"));
        string[] Reads(EntityDefinition entity, string name)
            => [.. entity.Find(name)!.DependsOn.Select(slot => entity.Attributes[slot].Name).Order(StringComparer.Ordinal)];

        Assert.Equal(["era", "language", "region", "themes"], Reads(media.Items, "cultural_context"));
        Assert.Equal(["description", "genre", "mood", "origin", "title"], Reads(media.Items, "embedding"));
        Assert.Equal(["release_year"], Reads(media.Items, "era"));
        Assert.Equal(["location"], Reads(media.Users, "utc_offset_minutes"));
        Assert.Empty(Reads(media.Items, "mood"));
    }

    [Fact]
    public void Overrides_replace_scalars_and_are_validated()
    {
        ScenarioDefinition s = ScenarioLoader.LoadText(Minimal, "tiny.yaml", ["items.count=7", "world.latent_dimensions=4", "seed=9"]);
        Assert.Equal(7, s.Items.Count);
        Assert.Equal(4, s.World.Dimensions);
        Assert.Equal(9UL, s.Seed);
        Assert.Equal("--set items.count: must be >= 1, got 0", Load(Minimal, "items.count=0"));
        Assert.Contains("--set nothing.count: 'nothing' is not a section", Load(Minimal, "nothing.count=3"), StringComparison.Ordinal);
        Assert.Contains("expected key=value", Load(Minimal, "items.count"), StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_yaml_names_the_file_and_line()
        => Assert.StartsWith("bad.yaml:3:", Load("name: x\nworld:\n  a: [1, 2\n  b: 3\n"), StringComparison.Ordinal);

    [Fact]
    public void Unknown_field_names_file_line_path_and_the_expected_fields()
    {
        string message = Load(Minimal.Replace("  count: 100", "  count: 100\n  colour: 3", StringComparison.Ordinal));
        Assert.StartsWith("bad.yaml:11:3: items.colour: unknown field 'colour' (expected one of:", message, StringComparison.Ordinal);
        Assert.Contains("count", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lognormal: { mu: 2, sigma: 0.5 }", "lognormal: { mu: 2, sigma: -1 }", "items.attributes.price.lognormal.sigma: must be > 0, got -1")]
    [InlineData("lognormal: { mu: 2, sigma: 0.5 }", "beta: { a: 0, b: 2 }", "items.attributes.price.beta.a: must be > 0, got 0")]
    [InlineData("lognormal: { mu: 2, sigma: 0.5 }", "uniform: { min: 5, max: 1 }", "items.attributes.price.uniform.max: must be > min (5)")]
    [InlineData("lognormal: { mu: 2, sigma: 0.5 }", "normal: { mean: 1 }", "items.attributes.price.normal: missing required field 'sd'")]
    [InlineData("lognormal: { mu: 2, sigma: 0.5 }", "normal: { mean: x, sd: 1 }", "items.attributes.price.normal.mean: expected a number, got 'x'")]
    [InlineData("lognormal: { mu: 2, sigma: 0.5 }", "expression: \"colour * 2\"", "unknown attribute 'colour'")]
    [InlineData("lognormal: { mu: 2, sigma: 0.5 }", "expression: \"price * 2\"", "attribute 'price' depends on itself")]
    [InlineData("lognormal: { mu: 2, sigma: 0.5 }", "weibull: { k: 2 }", "missing the attribute's kind")]
    [InlineData("categorical: { red: 0.5, blue: 0.5 }", "categorical: { red: 0, blue: 0 }", "weights must not all be zero")]
    [InlineData("categorical: { red: 0.5, blue: 0.5 }", "categorical: { red: -1, blue: 2 }", "items.attributes.color.categorical.red: must be >= 0, got -1")]
    [InlineData("count: 200", "count: 200\n  choice: { preference: 0.5, popularity: 0.3, exploration: 0.1 }", "preference + popularity + exploration must be 1")]
    public void Impossible_values_are_reported_with_their_place(string original, string replacement, string expected)
    {
        string message = Load(Minimal.Replace(original, replacement, StringComparison.Ordinal));
        Assert.StartsWith("bad.yaml:", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_a_scenario_error()
        => Assert.Contains("cannot read the scenario file", Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadFile("/nonexistent/x.yaml")).Message, StringComparison.Ordinal);
}
