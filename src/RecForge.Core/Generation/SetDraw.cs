using RecForge.Randomness;
using RecForge.Scenarios;

namespace RecForge.Generation;

/// <summary>The values of a set attribute: a drawn number of distinct categories, by weight, without replacement.</summary>
internal static class SetDraw
{
    /// <summary>Draws between <paramref name="min"/> and <paramref name="max"/> distinct categories of <paramref name="s"/>; <paramref name="popularity"/> is the entity's place in the popularity ranking (1 at the top).</summary>
    public static string[] Sample(SetAttribute s, int min, int max, double popularity, ref Rng rng)
    {
        min = Math.Clamp(min, 0, s.Categories.Count);
        max = Math.Clamp(max, min, s.Categories.Count);
        int k = min + rng.NextInt32(max - min + 1);
        var chosen = new string[k];
        Span<bool> taken = stackalloc bool[s.Categories.Count];
        Span<double> weights = stackalloc double[s.Weights.Length];
        s.Weights.CopyTo(weights);
        if (s.Lean > 0)
        {
            // Popular entities lean to popular categories: weight^(1 + lean × p) sharpens toward the largest weights, p being
            // the entity's place in the popularity ranking (1 at the top, 0 at the bottom) — not rank^-exponent, which
            // is near 0 for all but a handful.
            for (int i = 0; i < weights.Length; i++)
            {
                weights[i] = Math.Pow(weights[i], 1 + s.Lean * popularity);
            }
        }

        double remaining = 0;
        foreach (double w in weights)
        {
            remaining += w;
        }

        // Successive draws without replacement, renormalising over what is left.
        for (int j = 0; j < k; j++)
        {
            double u = rng.NextDouble() * remaining;
            int pick = -1;
            for (int i = 0; i < weights.Length; i++)
            {
                if (taken[i])
                {
                    continue;
                }

                pick = i;
                u -= weights[i];
                if (u < 0)
                {
                    break;
                }
            }

            taken[pick] = true;
            remaining -= weights[pick];
            chosen[j] = s.Categories[pick].Value;
        }

        return chosen;
    }
}
