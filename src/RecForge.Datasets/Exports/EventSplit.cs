using RecForge.Randomness;

namespace RecForge.Datasets.Exports;

/// <summary>
/// Splits each user's events into train (0), validation (1) and test (2), as recommender benchmarks do (RecBole's
/// <c>group_by: user</c>): by time, at random, or leave-one-out. Shares are rounded per user with test taken first, so a
/// user with few events keeps at least one training event.
/// </summary>
internal static class EventSplit
{
    public static byte[] Assign(IReadOnlyList<string> users, IReadOnlyList<long> times, ExportOptions options)
    {
        var parts = new byte[users.Count];
        if (options.Split == SplitKind.None)
        {
            return parts;
        }

        var byUser = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < users.Count; i++)
        {
            (byUser.TryGetValue(users[i], out List<int>? rows) ? rows : byUser[users[i]] = []).Add(i);
        }

        ulong user = 0;
        foreach (List<int> rows in byUser.Values)
        {
            // Stable: equal times keep the dataset's order (RecForge writes a user's events in time order).
            int[] order = [.. rows];
            if (options.Split == SplitKind.Random)
            {
                Rng rng = Rng.For(options.Seed, 0, (long)user++, 0);
                for (int i = order.Length - 1; i > 0; i--)
                {
                    int j = (int)rng.NextInt64(i + 1);
                    (order[i], order[j]) = (order[j], order[i]);
                }
            }
            else
            {
                order = [.. rows.OrderBy(r => times[r]).ThenBy(r => r)];
            }

            int n = order.Length;
            int test = options.Split == SplitKind.LeaveOneOut ? (n >= 2 ? 1 : 0) : Math.Min(n - 1, (int)Math.Round(n * options.Test));
            int valid = options.Split == SplitKind.LeaveOneOut ? (n >= 3 ? 1 : 0) : Math.Min(n - 1 - test, (int)Math.Round(n * options.Valid));
            for (int k = 0; k < n; k++)
            {
                parts[order[k]] = k >= n - test ? (byte)2 : k >= n - test - valid ? (byte)1 : (byte)0;
            }
        }

        return parts;
    }
}
