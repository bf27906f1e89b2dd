namespace RecForge.Evaluation;

/// <summary>
/// Merges the rows of a log that repeat a (user, item) pair into one event: at the pair's earliest time, with the
/// weight <see cref="RepeatedPairs"/> says. Pairs keep the order of their first row, so users are indexed as before.
/// </summary>
public static class PairMerge
{
    /// <summary>
    /// One event per pair of <paramref name="events"/>; <paramref name="repeatedRows"/> is how many rows repeated a
    /// pair already seen (0: the log had no repeats and comes back as it was).
    /// </summary>
    public static List<LogEvent> Apply(List<LogEvent> events, RepeatedPairs mode, out long repeatedRows)
    {
        var at = new Dictionary<(string User, string Item), int>();
        var merged = new List<LogEvent>(events.Count);
        var rows = new List<long>(events.Count);
        foreach (LogEvent e in events)
        {
            if (!at.TryGetValue((e.User, e.Item), out int k))
            {
                at[(e.User, e.Item)] = merged.Count;
                merged.Add(e);
                rows.Add(1);
                continue;
            }

            LogEvent pair = merged[k];
            rows[k]++;

            // First keeps the earliest row whole, as InteractionLog.Build does (ties: the row read first).
            merged[k] = mode switch
            {
                RepeatedPairs.First => e.Time < pair.Time ? e : pair,
                RepeatedPairs.Sum => pair with { Rating = pair.Rating + e.Rating, Time = Math.Min(pair.Time, e.Time) },
                _ => pair with { Time = Math.Min(pair.Time, e.Time) },
            };
        }

        repeatedRows = events.Count - merged.Count;
        if (mode == RepeatedPairs.Count)
        {
            for (int k = 0; k < merged.Count; k++)
            {
                merged[k] = merged[k] with { Rating = rows[k] };
            }
        }

        return repeatedRows == 0 && mode != RepeatedPairs.Count ? events : merged;
    }
}
