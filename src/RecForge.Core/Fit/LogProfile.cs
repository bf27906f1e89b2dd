using RecForge.Evaluation;
using RecForge.Quality;

namespace RecForge.Fit;

/// <summary>
/// What <c>recforge fit</c> learns from a log: sizes, the item popularity exponent, the spread of user activity, the
/// rating histogram, the time profile (hour-of-day peaks, weekend factor, months), session shape and genre shares.
/// </summary>
/// <param name="Users">Users in the log.</param>
/// <param name="Items">Items with at least one event.</param>
/// <param name="Events">Distinct (user, item) events.</param>
/// <param name="PopularityExponent">Maximum-likelihood Zipf exponent of events per item.</param>
/// <param name="ActivitySigma">Standard deviation of ln(events per user): the lognormal activity spread.</param>
/// <param name="Ratings">Share of each rating value (empty for implicit logs).</param>
/// <param name="Hours">Share of events per UTC hour (24).</param>
/// <param name="WeekendFactor">Events per weekend day / events per weekday day.</param>
/// <param name="Months">Relative events per calendar month (12, mean 1).</param>
/// <param name="Start">First day of the log.</param>
/// <param name="Days">Days from the first to the last event.</param>
/// <param name="MeanSessionEvents">Mean events per session (a session breaks after 30 idle minutes).</param>
/// <param name="MeanGapMinutes">Mean gap between events inside a session, in minutes.</param>
/// <param name="Genres">Share of items whose first genre is each genre (empty without a catalogue).</param>
/// <param name="UserGenres">Share of users whose most-rated genre is each genre (their taste cluster).</param>
public sealed record LogProfile(
    int Users,
    int Items,
    long Events,
    double PopularityExponent,
    double ActivitySigma,
    IReadOnlyDictionary<double, double> Ratings,
    double[] Hours,
    double WeekendFactor,
    double[] Months,
    DateOnly Start,
    int Days,
    double MeanSessionEvents,
    double MeanGapMinutes,
    IReadOnlyDictionary<string, double> Genres,
    IReadOnlyDictionary<string, double> UserGenres)
{
    /// <summary>Session break: a user idle this long starts a new session.</summary>
    public const long SessionBreakSeconds = 30 * 60;

    /// <summary>Learns the profile of <paramref name="log"/>; <paramref name="genres"/> maps item indexes to their genres (optional).</summary>
    public static LogProfile Learn(InteractionLog log, IReadOnlyDictionary<int, string[]>? genres = null)
    {
        var itemCounts = new Dictionary<int, double>();
        var hours = new double[24];
        var weekdays = new double[7];
        var months = new double[12];
        var ratings = new SortedDictionary<double, double>();
        var logActivity = new List<double>();
        long events = 0, sessions = 0, gapsInside = 0;
        double gapSum = 0;
        long first = long.MaxValue, last = long.MinValue;
        var userGenres = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int u = 0; u < log.UserCount; u++)
        {
            int[] items = log.Items[u];
            long[] times = log.Times[u];
            if (items.Length == 0)
            {
                continue;
            }

            logActivity.Add(Math.Log(items.Length));
            var genreCounts = new Dictionary<string, int>(StringComparer.Ordinal);
            sessions++;
            for (int k = 0; k < items.Length; k++)
            {
                events++;
                itemCounts[items[k]] = itemCounts.GetValueOrDefault(items[k]) + 1;
                DateTime t = DateTime.UnixEpoch.AddSeconds(times[k]);
                hours[t.Hour]++;
                weekdays[(int)t.DayOfWeek]++;
                months[t.Month - 1]++;
                first = Math.Min(first, times[k]);
                last = Math.Max(last, times[k]);
                double rating = log.Ratings[u][k];
                if (!double.IsNaN(rating))
                {
                    ratings[rating] = ratings.GetValueOrDefault(rating) + 1;
                }

                if (k > 0)
                {
                    long gap = times[k] - times[k - 1];
                    if (gap > SessionBreakSeconds)
                    {
                        sessions++;
                    }
                    else
                    {
                        gapsInside++;
                        gapSum += gap;
                    }
                }

                foreach (string g in genres?.GetValueOrDefault(items[k]) ?? [])
                {
                    genreCounts[g] = genreCounts.GetValueOrDefault(g) + 1;
                }
            }

            if (genreCounts.Count > 0)
            {
                string top = genreCounts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).First().Key;
                userGenres[top] = userGenres.GetValueOrDefault(top) + 1;
            }
        }

        var itemGenres = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (int item in itemCounts.Keys)
        {
            if (genres?.GetValueOrDefault(item) is { Length: > 0 } g)
            {
                itemGenres[g[0]] = itemGenres.GetValueOrDefault(g[0]) + 1;
            }
        }

        double mean = logActivity.Count == 0 ? 0 : logActivity.Average();
        double sigma = logActivity.Count < 2 ? 0 : Math.Sqrt(logActivity.Sum(x => (x - mean) * (x - mean)) / (logActivity.Count - 1));
        DateTime from = DateTime.UnixEpoch.AddSeconds(first == long.MaxValue ? 0 : first), to = DateTime.UnixEpoch.AddSeconds(last == long.MinValue ? 0 : last);
        double weekdayMean = (weekdays[1] + weekdays[2] + weekdays[3] + weekdays[4] + weekdays[5]) / 5, weekendMean = (weekdays[0] + weekdays[6]) / 2;
        double monthMean = Math.Max(months.Average(), 1e-12);
        return new LogProfile(log.UserCount, itemCounts.Count, events, ZipfFit.Estimate([.. itemCounts.Values]), sigma,
            Normalize(ratings), Normalize(hours), weekdayMean > 0 ? weekendMean / weekdayMean : 1, [.. months.Select(m => m / monthMean)],
            DateOnly.FromDateTime(from), Math.Max(1, (int)Math.Ceiling((to - from.Date).TotalDays)), (double)events / Math.Max(1, sessions),
            gapsInside == 0 ? 10 : gapSum / gapsInside / 60, Normalize(itemGenres), Normalize(userGenres));
    }

    private static Dictionary<T, double> Normalize<T>(IDictionary<T, double> counts)
        where T : notnull
    {
        double total = counts.Values.Sum();
        return counts.ToDictionary(p => p.Key, p => total > 0 ? p.Value / total : 0);
    }

    private static double[] Normalize(double[] counts)
    {
        double total = counts.Sum();
        return [.. counts.Select(c => total > 0 ? c / total : 0)];
    }
}
