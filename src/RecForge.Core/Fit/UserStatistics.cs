using RecForge.Evaluation;

namespace RecForge.Fit;

/// <summary>
/// One pass over a log collecting what <see cref="LogProfile"/> needs: exact values (for quantiles and shares), and
/// the same statistics as histograms in which each user counts once (their events spread with total weight 1) when
/// the fit is differentially private — so that one user moves each histogram by at most 1.
/// </summary>
internal sealed class UserStatistics
{
    /// <summary>Bins of events per user (users above 100,000 fall in the last).</summary>
    public static readonly double[] ActivityEdges = Quantiles.LogEdges(1, 1e5);

    /// <summary>Bins of seconds between events of a session ([0, 1) holds simultaneous events).</summary>
    public static readonly double[] GapEdges = Quantiles.LogEdges(1, LogProfile.SessionBreakSeconds);

    /// <summary>Bins of events per session.</summary>
    public static readonly double[] SessionEdges = Quantiles.LogEdges(1, 1e6);

    /// <summary>Bins of days from a user's first to last event (the first bin: under a minute).</summary>
    public static readonly double[] SpanEdges = Quantiles.LogEdges(1.0 / 1440, 40_000);

    // Under DP the year histogram covers a fixed public range, so the data's first and last years are not revealed.
    private const int PublicFirstYear = 1970, PublicYears = 70;

    public UserStatistics(InteractionLog log, IReadOnlyDictionary<int, string[]>? genres, bool perUser)
    {
        long first = long.MaxValue, last = long.MinValue;
        foreach (long[] times in log.Times)
        {
            foreach (long t in times)
            {
                first = Math.Min(first, t);
                last = Math.Max(last, t);
            }
        }

        if (first == long.MaxValue)
        {
            first = last = 0;
        }

        First = DateOnly.FromDateTime(DateTime.UnixEpoch.AddSeconds(first));
        Last = DateOnly.FromDateTime(DateTime.UnixEpoch.AddSeconds(last));
        FirstYear = perUser ? PublicFirstYear : First.Year;
        YearCount = perUser ? PublicYears : Last.Year - First.Year + 1;
        RatingValues = [.. log.Ratings.SelectMany(r => r).Where(r => !double.IsNaN(r)).Distinct().Order()];
        GenreNames = genres is null ? [] : [.. genres.Values.SelectMany(g => g).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        Activity = new double[ActivityEdges.Length - 1];
        RatingCounts = new double[RatingValues.Count];
        Time = new double[24 + 7 + 12 + YearCount];
        GapCounts = new double[GapEdges.Length - 1];
        SessionSizes = new double[SessionEdges.Length - 1];
        SpanCounts = new double[SpanEdges.Length - 1];
        UserGenreCounts = new double[GenreNames.Count];
        var genreIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int g = 0; g < GenreNames.Count; g++)
        {
            genreIndex[GenreNames[g]] = g;
        }

        var userTime = new double[Time.Length];
        var userRatings = new double[RatingCounts.Length];
        var userGaps = new double[GapCounts.Length];
        var userSessions = new double[SessionSizes.Length];
        var userGenres = new int[GenreNames.Count];
        long sessions = 0;
        for (int u = 0; u < log.UserCount; u++)
        {
            int[] items = log.Items[u];
            long[] times = log.Times[u];
            if (items.Length == 0)
            {
                continue;
            }

            Users++;
            Events += items.Length;
            ActivityValues.Add(items.Length);
            Activity[Quantiles.BinOf(ActivityEdges, items.Length)]++;
            Array.Clear(userTime);
            Array.Clear(userRatings);
            Array.Clear(userGaps);
            Array.Clear(userSessions);
            Array.Clear(userGenres);
            long userFirst = long.MaxValue, userLast = long.MinValue;
            int sessionSize = 1, gaps = 0, userSessionCount = 0;
            for (int k = 0; k < items.Length; k++)
            {
                ItemCounts[items[k]] = ItemCounts.GetValueOrDefault(items[k]) + 1;
                DateTime t = DateTime.UnixEpoch.AddSeconds(times[k]);
                userTime[t.Hour]++;
                userTime[24 + ((int)t.DayOfWeek + 6) % 7]++;
                userTime[31 + t.Month - 1]++;
                userTime[43 + Math.Clamp(t.Year - FirstYear, 0, YearCount - 1)]++;
                userFirst = Math.Min(userFirst, times[k]);
                userLast = Math.Max(userLast, times[k]);
                double rating = log.Ratings[u][k];
                if (!double.IsNaN(rating))
                {
                    userRatings[RatingIndex(rating)]++;
                }

                if (k > 0)
                {
                    long gap = Math.Max(0, times[k] - times[k - 1]);
                    if (gap > LogProfile.SessionBreakSeconds)
                    {
                        userSessions[Quantiles.BinOf(SessionEdges, sessionSize)]++;
                        userSessionCount++;
                        sessionSize = 1;
                    }
                    else
                    {
                        sessionSize++;
                        gaps++;
                        GapValues.Add(gap);
                        userGaps[Quantiles.BinOf(GapEdges, gap)]++;
                    }
                }

                foreach (string g in genres?.GetValueOrDefault(items[k]) ?? [])
                {
                    userGenres[genreIndex[g]]++;
                }
            }

            userSessions[Quantiles.BinOf(SessionEdges, sessionSize)]++;
            userSessionCount++;
            sessions += userSessionCount;
            double span = (userLast - userFirst) / 86_400.0;
            SpanValues.Add(span);
            SpanCounts[Quantiles.BinOf(SpanEdges, span)]++;

            // Per user: each block of the user's own histogram sums to 1 under DP, to their event counts otherwise.
            AddBlock(Time.AsSpan(0, 24), userTime.AsSpan(0, 24), perUser);
            AddBlock(Time.AsSpan(24, 7), userTime.AsSpan(24, 7), perUser);
            AddBlock(Time.AsSpan(31, 12), userTime.AsSpan(31, 12), perUser);
            AddBlock(Time.AsSpan(43, YearCount), userTime.AsSpan(43, YearCount), perUser);
            AddBlock(RatingCounts, userRatings, perUser);
            AddBlock(GapCounts, userGaps, perUser);
            AddBlock(SessionSizes, userSessions, perUser);
            int top = -1;
            for (int g = 0; g < userGenres.Length; g++)
            {
                top = userGenres[g] > 0 && (top < 0 || userGenres[g] > userGenres[top]) ? g : top;
            }

            if (top >= 0)
            {
                UserGenreCounts[top]++;
            }
        }

        MeanSessionEvents = sessions == 0 ? 1 : (double)Events / sessions;
        var itemGenres = new Dictionary<string, double>(StringComparer.Ordinal);
        // Under DP the shares are the catalogue's own (public), not those of the items users chose.
        foreach (int item in perUser ? genres?.Keys ?? [] : ItemCounts.Keys)
        {
            if (genres?.GetValueOrDefault(item) is { Length: > 0 } g)
            {
                itemGenres[g[0]] = itemGenres.GetValueOrDefault(g[0]) + 1;
            }
        }

        double total = itemGenres.Values.Sum();
        ItemGenreShares = itemGenres.ToDictionary(p => p.Key, p => p.Value / total, StringComparer.Ordinal);
    }

    public int Users { get; }

    public long Events { get; }

    public Dictionary<int, double> ItemCounts { get; } = [];

    public List<double> ActivityValues { get; } = [];

    public double[] Activity { get; }

    public IReadOnlyList<double> RatingValues { get; }

    public double[] RatingCounts { get; }

    /// <summary>Hours (24), weekdays Monday first (7), months (12), then years from <see cref="FirstYear"/>.</summary>
    public double[] Time { get; }

    public int FirstYear { get; }

    public int YearCount { get; }

    public DateOnly First { get; }

    public DateOnly Last { get; }

    public List<double> GapValues { get; } = [];

    public double[] GapCounts { get; }

    public double[] SessionSizes { get; }

    public double MeanSessionEvents { get; }

    public List<double> SpanValues { get; } = [];

    public double[] SpanCounts { get; }

    public IReadOnlyList<string> GenreNames { get; }

    public double[] UserGenreCounts { get; }

    public Dictionary<string, double> ItemGenreShares { get; }

    private int RatingIndex(double rating)
    {
        int lo = 0, hi = RatingValues.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (RatingValues[mid] < rating)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static void AddBlock(Span<double> total, ReadOnlySpan<double> user, bool perUser)
    {
        double sum = 0;
        foreach (double v in user)
        {
            sum += v;
        }

        double scale = perUser ? (sum > 0 ? 1 / sum : 0) : 1;
        for (int i = 0; i < total.Length; i++)
        {
            total[i] += user[i] * scale;
        }
    }
}
