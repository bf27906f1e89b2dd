using RecForge.World;

namespace RecForge.Fit;

/// <summary>
/// The activity exponent γ of a twin's planted picks (<c>choice.planted.activity_exponent</c>). Real logs give their
/// rarest items to their most active users: on MovieLens latest-small, 75% of the items one user rated belong to the
/// tenth of users with the most ratings, where choosing ∝ events alone gives 36%. γ is set so that, over the
/// simulated users, the mean log-activity of the user an item of one user goes to (∝ events^γ × affinity) is the log's.
/// </summary>
internal static class PlantingExponent
{
    // Fewer items of one user than this say too little: the exponent stays 1 (∝ events).
    private const int MinItems = 20;

    // At most this many of those items are simulated (every k-th, deterministically).
    private const int MaxItems = 2_000;

    /// <summary>
    /// γ in [0, 8] matching the log's mean ln(events) of the only user of each item with one user; 1 when the log has
    /// fewer than <see cref="MinItems"/> such items.
    /// </summary>
    public static double Fit(IReadOnlyList<int[]> histories, int items, float[] positions, int dims, IReadOnlyList<SimulatedUser> users, double[] activity, double sharpness, double midpoint)
    {
        var holder = new int[items];
        Array.Fill(holder, -1);
        var count = new int[items];
        for (int u = 0; u < histories.Count; u++)
        {
            foreach (int i in histories[u])
            {
                count[i]++;
                holder[i] = u;
            }
        }

        var single = new List<int>();
        double target = 0;
        for (int i = 0; i < items; i++)
        {
            if (count[i] == 1)
            {
                single.Add(i);
                target += Math.Log(histories[holder[i]].Length);
            }
        }

        if (single.Count < MinItems)
        {
            return 1;
        }

        target /= single.Count;
        int step = Math.Max(1, single.Count / MaxItems);
        int[] sample = [.. single.Where((_, k) => k % step == 0)];
        var affinity = new double[sample.Length][];
        Parallel.For(0, sample.Length, s =>
        {
            var a = new double[users.Count];
            ReadOnlySpan<float> position = positions.AsSpan(sample[s] * dims, dims);
            for (int u = 0; u < users.Count; u++)
            {
                for (int k = 0; k < users[u].Interests.Length; k++)
                {
                    double cos = VectorMath.Dot(users[u].Interests[k], position);
                    a[u] += users[u].Weights[k] / (1 + Math.Exp(-sharpness * (cos - midpoint)));
                }
            }

            affinity[s] = a;
        });

        double[] logActivity = [.. activity.Select(a => Math.Log(Math.Max(a, 1e-12)))];
        double MeanLogActivity(double gamma)
        {
            double sum = 0;
            foreach (double[] a in affinity)
            {
                double weight = 0, weighted = 0;
                for (int u = 0; u < a.Length; u++)
                {
                    double w = Math.Exp(gamma * logActivity[u]) * a[u];
                    weight += w;
                    weighted += w * logActivity[u];
                }

                sum += weight > 0 ? weighted / weight : 0;
            }

            return sum / affinity.Length;
        }

        // The holder's mean log-activity grows with γ (a tilt towards active users): bisection.
        double low = 0, high = 8;
        if (MeanLogActivity(high) <= target)
        {
            return high;
        }

        if (MeanLogActivity(low) >= target)
        {
            return low;
        }

        for (int it = 0; it < 30; it++)
        {
            double mid = (low + high) / 2;
            (MeanLogActivity(mid) < target ? ref low : ref high) = mid;
        }

        return Math.Round((low + high) / 2, 3);
    }
}
