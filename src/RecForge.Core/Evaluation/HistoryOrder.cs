namespace RecForge.Evaluation;

/// <summary>
/// The order in which a test user's history is split into what a model sees and what it should find: by time, with
/// the events that share a timestamp in a seeded random order (a log without times is one tie, so its split is random).
/// Ordering ties by item id or file order would make the held-out part follow the catalogue.
/// </summary>
public static class HistoryOrder
{
    /// <summary>The items of one history ordered by time, ties shuffled by a hash of (<paramref name="seed"/>, item).</summary>
    public static int[] Of(int[] items, long[] times, ulong seed)
    {
        int[] order = [.. items];
        ulong[]? keys = null;
        int start = 0;
        for (int i = 1; i <= order.Length; i++)
        {
            if (i == order.Length || times[i] != times[start])
            {
                if (i - start > 1)
                {
                    keys ??= [.. items.Select(item => Key(seed, item))];
                    Array.Sort(keys, order, start, i - start);
                }

                start = i;
            }
        }

        return order;
    }

    /// <summary>The share of events that share their user's timestamp with another of that user's events (0 to 1).</summary>
    public static double TiedShare(InteractionLog log)
    {
        long tied = 0, total = 0;
        foreach (long[] times in log.Times)
        {
            total += times.Length;
            int start = 0;
            for (int i = 1; i <= times.Length; i++)
            {
                if (i == times.Length || times[i] != times[start])
                {
                    tied += i - start > 1 ? i - start : 0;
                    start = i;
                }
            }
        }

        return total == 0 ? 0 : (double)tied / total;
    }

    /// <summary>Whether the log has times at all: some two events at different times.</summary>
    public static bool IsTimed(InteractionLog log)
    {
        long? first = null;
        foreach (long[] times in log.Times)
        {
            foreach (long t in times)
            {
                first ??= t;
                if (t != first)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static ulong Key(ulong seed, int item) => Randomness.Rng.Mix(seed * 0x9E3779B97F4A7C15UL + (ulong)item);
}
