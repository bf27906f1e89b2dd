namespace RecForge.Evaluation;

/// <summary>
/// A user–item log in dense indexes: each user's distinct items in time order (first time seen), with the rating
/// and time of that first event. Item indexes come from a shared <see cref="ItemIndex"/>, so a real log and a
/// synthetic twin over the same catalogue line up.
/// </summary>
public sealed class InteractionLog
{
    private InteractionLog(string[] users, int[][] items, double[][] ratings, long[][] times, int itemCount)
    {
        UserIds = users;
        Items = items;
        Ratings = ratings;
        Times = times;
        ItemCount = itemCount;
    }

    /// <summary>User ids, by user index.</summary>
    public IReadOnlyList<string> UserIds { get; }

    /// <summary>Each user's distinct items, in the order first seen (time order).</summary>
    public IReadOnlyList<int[]> Items { get; }

    /// <summary>The rating of each of <see cref="Items"/> (NaN without ratings).</summary>
    public IReadOnlyList<double[]> Ratings { get; }

    /// <summary>The Unix time (seconds) of each of <see cref="Items"/>.</summary>
    public IReadOnlyList<long[]> Times { get; }

    /// <summary>Number of users.</summary>
    public int UserCount => Items.Count;

    /// <summary>Size of the item index when the log was built (items are 0..ItemCount−1).</summary>
    public int ItemCount { get; }

    /// <summary>Total distinct (user, item) pairs.</summary>
    public long PairCount
    {
        get
        {
            long n = 0;
            foreach (int[] h in Items)
            {
                n += h.Length;
            }

            return n;
        }
    }

    /// <summary>
    /// Builds a log from events in any order: repeated (user, item) pairs keep their first event; each user's items
    /// are ordered by time, then by item id for ties.
    /// </summary>
    public static InteractionLog Build(IEnumerable<LogEvent> events, ItemIndex items)
    {
        var users = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<List<(long Time, int Item, double Rating)>>();
        foreach (LogEvent e in events)
        {
            if (!users.TryGetValue(e.User, out int u))
            {
                u = users.Count;
                users[e.User] = u;
                rows.Add([]);
            }

            rows[u].Add((e.Time, items.IndexOf(e.Item), e.Rating));
        }

        var ids = new string[users.Count];
        foreach (var (id, u) in users)
        {
            ids[u] = id;
        }

        var itemLists = new int[rows.Count][];
        var ratingLists = new double[rows.Count][];
        var timeLists = new long[rows.Count][];
        var seen = new HashSet<int>();
        for (int u = 0; u < rows.Count; u++)
        {
            List<(long Time, int Item, double Rating)> r = rows[u];
            r.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Item.CompareTo(b.Item));
            seen.Clear();
            var its = new List<int>(r.Count);
            var rts = new List<double>(r.Count);
            var tms = new List<long>(r.Count);
            foreach (var (time, item, rating) in r)
            {
                if (seen.Add(item))
                {
                    its.Add(item);
                    rts.Add(rating);
                    tms.Add(time);
                }
            }

            itemLists[u] = [.. its];
            ratingLists[u] = [.. rts];
            timeLists[u] = [.. tms];
        }

        return new InteractionLog(ids, itemLists, ratingLists, timeLists, items.Count);
    }

    /// <summary>The users at <paramref name="indexes"/>, as a log of their own.</summary>
    public InteractionLog Subset(IReadOnlyList<int> indexes)
        => new([.. indexes.Select(i => UserIds[i])], [.. indexes.Select(i => Items[i])], [.. indexes.Select(i => Ratings[i])], [.. indexes.Select(i => Times[i])], ItemCount);
}
