using RecForge.Randomness;
using RecForge.Scenarios;
using RecForge.World;

namespace RecForge.Generation;

/// <summary>A user's preference profile (a psychographic state): the categories' vectors weighted by the user's affinity to each.</summary>
internal static class PreferenceProfile
{
    /// <summary>Fills <paramref name="destination"/> with the state of a user at unit taste <paramref name="position"/>.</summary>
    public static void Fill(WorldModel world, ReadOnlySpan<float> position, ProfileSource source, float[] destination, ref Rng rng)
    {
        // Softmax over the user's affinity to each category (temperature 1/6), then the weighted mean of the
        // categories' vectors: a user drawn to tense titles gets a tense (low valence, high arousal) state.
        float[][] centroids = world.Centroids(source.Attribute);
        Span<double> weights = stackalloc double[centroids.Length];
        double total = 0;
        for (int c = 0; c < centroids.Length; c++)
        {
            weights[c] = Math.Exp(6 * VectorMath.Dot(position, centroids[c])) * source.Attribute.Categories[c].Weight;
            total += weights[c];
        }

        Array.Clear(destination);
        for (int c = 0; c < centroids.Length; c++)
        {
            double[] vector = (double[])source.Attribute.Categories[c].Properties[source.Property];
            for (int d = 0; d < destination.Length; d++)
            {
                destination[d] += (float)(weights[c] / total * vector[d]);
            }
        }

        for (int d = 0; d < destination.Length; d++)
        {
            destination[d] = (float)Math.Clamp(destination[d] + 0.05 * rng.NextGaussian(), 0, 1);
        }
    }
}
