using RecForge.Output;
using RecForge.Scenarios;

namespace RecForge.Truth;

/// <summary>
/// Ground truth on request: the tables that record the world model behind a dataset (user and item positions, taste
/// weights, each event's pick source and true affinity, each user's oracle top-k) and the manifest entry that documents
/// the affinity function, so <c>affinity(u, i)</c> can be recomputed from the files.
/// </summary>
public static class GroundTruth
{
    /// <summary>The oracle's list length when none is given.</summary>
    public const int DefaultTopK = 100;

    /// <summary>The role of ground-truth tables in the manifest.</summary>
    public const string Role = "truth";

    /// <summary>
    /// The scenario with its ground-truth tables added (as derived tables) when its output asks for them
    /// (<see cref="OutputDefinition.GroundTruthTopK"/> &gt; 0); otherwise, or when they are there already, the scenario itself.
    /// </summary>
    /// <exception cref="ScenarioException">A table name the ground truth writes is taken.</exception>
    public static ScenarioDefinition Apply(ScenarioDefinition scenario)
        => scenario.Output.GroundTruthTopK > 0 && !Has(scenario) ? Add(scenario, scenario.Output.GroundTruthTopK) : scenario;

    /// <summary>The scenario asking for ground truth with oracle lists <paramref name="topK"/> long (see <see cref="Apply"/>).</summary>
    /// <exception cref="ScenarioException"><paramref name="topK"/> is not positive.</exception>
    public static ScenarioDefinition Request(ScenarioDefinition scenario, int topK = DefaultTopK)
        => topK < 1 ? throw new ScenarioException($"{scenario.Name}: the ground truth's top-k must be at least 1, got {topK}")
            : scenario with { Output = scenario.Output with { GroundTruthTopK = topK } };

    private static ScenarioDefinition Add(ScenarioDefinition scenario, int topK)
    {
        var tables = new List<DerivedTableDefinition>
        {
            new TruthTableDefinition("truth_users", TruthKind.Users, topK),
        };
        if (scenario.World.MixByPicks)
        {
            tables.Add(new TruthTableDefinition("truth_interests", TruthKind.Interests, topK));
        }

        tables.Add(new TruthTableDefinition("truth_items", TruthKind.Items, topK));
        tables.Add(new TruthTableDefinition("truth_events", TruthKind.Events, topK));
        tables.Add(new TruthTableDefinition("truth_topk", TruthKind.TopK, (int)Math.Min(topK, scenario.Items.Count)));
        tables.Add(new TruthTableDefinition("truth_topk_unseen", TruthKind.TopKUnseen, (int)Math.Min(topK, scenario.Items.Count)));
        string[] taken = [.. scenario.Entities.Select(e => e.Table), scenario.Events.Table, .. (scenario.Derived ?? []).Select(d => d.Table)];
        if (tables.FirstOrDefault(t => taken.Contains(t.Table)) is { } clash)
        {
            throw new ScenarioException($"{scenario.Name}: the scenario already has a table '{clash.Table}', which ground truth writes");
        }

        return scenario with { Derived = [.. scenario.Derived ?? [], .. tables] };
    }

    /// <summary>Whether <paramref name="scenario"/> has its ground-truth tables (see <see cref="Add"/>).</summary>
    public static bool Has(ScenarioDefinition scenario) => scenario.Derived?.Any(d => d is TruthTableDefinition) ?? false;

    /// <summary>The oracle's list length of a scenario with ground truth, or 0.</summary>
    public static int TopKOf(ScenarioDefinition scenario) => scenario.Derived?.OfType<TruthTableDefinition>().FirstOrDefault()?.TopK ?? 0;

    /// <summary>The manifest's description of the truth: the affinity function with its parameters and the oracle's definition.</summary>
    public static ManifestGroundTruth Describe(ScenarioDefinition scenario)
    {
        ChoiceDefinition c = scenario.Events.Choice;
        Scenarios.WorldDefinition w = scenario.World;
        return new ManifestGroundTruth(
            "1 / (1 + exp(-sharpness * (cos(user, item) - midpoint)))",
            w.AffinitySharpness,
            w.AffinityMidpoint,
            scenario.World.MixByPicks
                ? "the largest affinity over the user's interests (truth_interests.position); cos is the dot product of unit positions"
                : "truth_users.position and truth_items.position (unit vectors, so cos is their dot product)",
            new ManifestChoice(c.Preference, c.Popularity, c.Exploration, c.Coherence, c.PreferencePopularityBias, c.Exact ? "exact" : "rejection", c.Idiosyncrasy, c.ActivityBiasSlope),
            "P(i | u) = preference * sum_j weight_j * w_j(i) / sum_k w_j(k) + popularity * popularity_share(i) + exploration / items, "
                + "w_j(i) = popularity(i)^bias_u * affinity(interest j, i) * own(u, i) (own = 1 without idiosyncrasy); the first pick of a session "
                + "(before sequential coherence); truth_topk ranks the whole catalogue, truth_topk_unseen leaves out the user's logged items",
            TopKOf(scenario));
    }
}
