using RecForge.Generation;
using RecForge.Generation.Events;
using RecForge.Output;
using RecForge.Scenarios;
using RecForge.Truth;
using RecForge.World;
using Xunit.Abstractions;

namespace RecForge.Core.Tests.Truth;

/// <summary>The oracle's choice probabilities are the generator's: what users are drawn to pick is what it says.</summary>
public sealed class ChoiceOracleTests(ITestOutputHelper output)
{
    [Fact]
    public void The_oracles_probabilities_match_the_items_the_generator_picks()
    {
        // Media (preference ∝ popularity^0.5 × affinity by rejection sampling, popularity and exploration picks), with
        // sequential coherence off: every exposure is then an independent draw from P(i | u).
        ScenarioDefinition scenario = BuiltInScenarios.Load("media", ["items.count=300", "users.count=3", "events.count=90000", "events.choice.coherence=0"]);
        var world = new WorldModel(scenario);
        var catalog = new ItemCatalog(world, 1, default);
        var activity = new ActivityPlan(world);
        var oracle = new ChoiceOracle(world, catalog, activity);
        var sampler = new InteractionSampler(world, catalog);
        var batch = new ColumnBatch(sampler.Schema, 4096);
        sampler.Picks = new PickTruth(batch.Capacity);
        int type = sampler.Schema.IndexOf("interaction_type");
        for (long u = 0; u < 3; u++)
        {
            var views = new Exposures(sampler.Picks, type, 300);
            sampler.Generate(u, activity.RowsOf(u), batch, views);
            views.Write(batch);
            batch.Count = 0;
            oracle.Begin(u);
            double sum = 0, tv = 0, uniformTv = 0, expected = 0;
            for (int i = 0; i < 300; i++)
            {
                double p = oracle.Probability[i], seen = (double)views.Counts[i] / views.Total;
                sum += p;
                tv += Math.Abs(seen - p) / 2;
                uniformTv += Math.Abs(seen - (1.0 / 300)) / 2;

                // E|p̂ − p| ≈ √(2/π) · √(p(1 − p) / n) for a binomial share.
                expected += 0.798 * Math.Sqrt(p * (1 - p) / views.Total) / 2;
            }

            output.WriteLine($"user {u}: {views.Total} views, TV to the oracle {tv:F4} (noise alone {expected:F4}), to uniform {uniformTv:F4}");
            Assert.Equal(1.0, sum, 9);

            // The total variation distance is what sampling noise alone gives (with room for the 1.5x of a bad draw); a
            // uniform guess, which ignores taste and popularity, is several times further off.
            Assert.True(tv < (1.5 * expected) + 0.01, $"user {u}: {views.Total} views, TV {tv:F4}, expected from noise {expected:F4}");
            Assert.True(uniformTv > 3 * tv, $"user {u}: TV to uniform {uniformTv:F4}, to the oracle {tv:F4}");
        }
    }

    // Counts the items of the exposures (the first funnel step) among the rows the sampler writes.
    private sealed class Exposures(PickTruth picks, int type, int items) : ITableWriter
    {
        public long[] Counts { get; } = new long[items];

        public long Total { get; private set; }

        public void Write(ColumnBatch batch)
        {
            var types = (string[])batch.Columns[type];
            for (int r = 0; r < batch.Count; r++)
            {
                if (types[r] == "view")
                {
                    Counts[picks.Items[r]]++;
                    Total++;
                }
            }

            batch.Count = 0;
        }

        public IReadOnlyList<WrittenFile> Complete() => [];

        public void Dispose()
        {
        }
    }
}
