using RecForge.Core.Tests.Scenarios;
using RecForge.Generation.Events;
using RecForge.Randomness;
using RecForge.Scenarios;
using RecForge.World;

namespace RecForge.Core.Tests.Generation.Events;

public class AffinityAcceptanceTests
{
    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(8, 0.25)]
    [InlineData(36, 0.4)]
    [InlineData(200, -0.3)]
    public void Answers_exactly_as_the_logistic_does(double sharpness, double midpoint)
    {
        // Given a world of the given affinity curve and its tabulated accept step
        string yaml = ScenarioLoaderTests.Minimal.Replace("  latent_dimensions: 8",
            FormattableString.Invariant($"  latent_dimensions: 8\n  affinity: {{ sharpness: {sharpness}, midpoint: {midpoint} }}"), StringComparison.Ordinal);
        var world = new WorldModel(ScenarioLoader.LoadText(yaml, "tiny.yaml"));
        var acceptance = new AffinityAcceptance(world);

        // When uniforms meet cosines anywhere, on the table's bin edges, next to them and outside [−1, 1],
        // and uniforms set exactly on the affinity (the tie the exact test resolves as "reject")
        var rng = new Rng(7);
        for (int i = 0; i < 200_000; i++)
        {
            double cos = (i % 4) switch
            {
                0 => rng.NextDouble() * 2.2 - 1.1,
                1 => -1.01 + (rng.NextInt64(1025) * 2.02 / 1024),
                2 => -1.01 + (rng.NextInt64(1025) * 2.02 / 1024) + ((rng.NextDouble() - 0.5) * 1e-12),
                _ => rng.NextDouble() * 2 - 1,
            };
            double exact = world.Affinity(cos);
            double u = i % 10 == 0 ? exact : rng.NextDouble();

            // Then the answer is the exact comparison's, every time
            Assert.True((u < exact) == acceptance.Accepts(u, cos), FormattableString.Invariant($"u {u:R}, cos {cos:R}, affinity {exact:R}"));
        }
    }
}
