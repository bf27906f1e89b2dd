using RecForge.Evaluation;
using RecForge.Quality;

namespace RecForge.Fit;

/// <summary>
/// What <c>recforge fit</c> learns about a log's shape, apart from who likes what: sizes, activity, the rating
/// histogram, the time profile (hour of day, weekday, month, year), sessions (events per session, gaps inside them,
/// how long a user stays) and genre shares. With a <see cref="PrivacyBudget"/>, every histogram counts each user
/// once (their events spread over it with total weight 1) and is released with Gaussian noise.
/// </summary>
public sealed class LogProfile
{
    /// <summary>Session break: a user idle this long starts a new session.</summary>
    public const long SessionBreakSeconds = 30 * 60;

    /// <summary>Points in every quantile list.</summary>
    public const int QuantilePoints = 101;

    /// <summary>Users in the log.</summary>
    public required int Users { get; init; }

    /// <summary>Items with at least one event (0 under DP: not released).</summary>
    public required int Items { get; init; }

    /// <summary>Distinct (user, item) events.</summary>
    public required long Events { get; init; }

    /// <summary>Maximum-likelihood Zipf exponent of events per item (synthetic catalogues; NaN under DP: not released).</summary>
    public required double PopularityExponent { get; init; }

    /// <summary>Quantiles of events per user.</summary>
    public required double[] ActivityQuantiles { get; init; }

    /// <summary>Share of each rating value (empty for implicit logs).</summary>
    public required IReadOnlyDictionary<double, double> Ratings { get; init; }

    /// <summary>Share of events per UTC hour (24).</summary>
    public required double[] Hours { get; init; }

    /// <summary>Share of events per weekday, Monday first (7).</summary>
    public required double[] Weekdays { get; init; }

    /// <summary>Events per weekend day / events per weekday day.</summary>
    public double WeekendFactor => (Weekdays[5] + Weekdays[6]) / 2 / Math.Max((Weekdays[0] + Weekdays[1] + Weekdays[2] + Weekdays[3] + Weekdays[4]) / 5, 1e-12);

    /// <summary>Relative events per calendar month (12, mean 1).</summary>
    public required double[] Months { get; init; }

    /// <summary>Relative events per day in each year of the period (mean 1 over the period's days).</summary>
    public required IReadOnlyDictionary<int, double> Years { get; init; }

    /// <summary>First day of the log.</summary>
    public required DateOnly Start { get; init; }

    /// <summary>Days from the first to the last event.</summary>
    public required int Days { get; init; }

    /// <summary>Mean events per session.</summary>
    public required double MeanSessionEvents { get; init; }

    /// <summary>Quantiles of the seconds between consecutive events of a session.</summary>
    public required double[] GapQuantiles { get; init; }

    /// <summary>Quantiles of the days from a user's first to last event.</summary>
    public required double[] SpanQuantiles { get; init; }

    /// <summary>Share of items whose first genre is each genre (empty without a catalogue).</summary>
    public required IReadOnlyDictionary<string, double> Genres { get; init; }

    /// <summary>Share of users whose most-rated genre is each genre (their taste cluster).</summary>
    public required IReadOnlyDictionary<string, double> UserGenres { get; init; }

    /// <summary>
    /// Learns the profile of <paramref name="log"/>; <paramref name="genres"/> maps item indexes to their genres
    /// (optional); <paramref name="privacy"/> adds noise (and is charged for each release).
    /// </summary>
    public static LogProfile Learn(InteractionLog log, IReadOnlyDictionary<int, string[]>? genres = null, PrivacyBudget? privacy = null, PrivacyShares? shares = null)
    {
        shares ??= PrivacyShares.Default;
        bool dp = privacy is not null;
        var stats = new UserStatistics(log, genres, dp);
        double users = dp ? Math.Max(1, privacy!.Perturb("users", stats.Users, shares.Counts, 1)) : stats.Users;

        double[] activity = stats.Activity;
        double[] ratings = stats.RatingCounts;
        double[] time = stats.Time;
        double[] gaps = stats.GapCounts, sessionSizes = stats.SessionSizes, spans = stats.SpanCounts;
        double[] userGenres = stats.UserGenreCounts;
        double yearFloor = 0;
        if (privacy is not null)
        {
            // One user moves each block by at most 1 in L2 (one count, or a histogram of total weight 1). Long-tailed
            // histograms are thresholded at three noise widths (post-processing), or some of their many empty bins far out
            // would hold noise (each exceeds 3σ with probability 0.13%).
            Threshold(activity, privacy.Perturb("activity histogram", activity, shares.Activity, 1));
            // The rating scale is public: every value seen stays, a noisy share held at a thousandth of the total at least.
            privacy.Perturb("rating histogram", ratings, shares.Ratings, 1);
            double ratingTotal = Math.Max(1, ratings.Sum(r => Math.Max(0, r)));
            for (int v = 0; v < ratings.Length; v++)
            {
                ratings[v] = Math.Max(ratings[v], ratingTotal / 1000);
            }

            yearFloor = 3 * privacy.Perturb("hour, weekday, month and year histograms", time, shares.Time, 2);
            double[] sessions = [.. gaps, .. sessionSizes, .. spans];
            double sigma = privacy.Perturb("session gaps, sizes and user spans", sessions, shares.Sessions, Math.Sqrt(3));
            Threshold(sessions, sigma);
            sessions.AsSpan(0, gaps.Length).CopyTo(gaps);
            sessions.AsSpan(gaps.Length, sessionSizes.Length).CopyTo(sessionSizes);
            sessions.AsSpan(gaps.Length + sessionSizes.Length).CopyTo(spans);
            if (userGenres.Length > 0)
            {
                privacy.Perturb("users' top genres", userGenres, shares.Genres, 1);
            }
        }

        int h = 0;
        double[] hours = Normalize(time.AsSpan(h, 24));
        double[] weekdays = Normalize(time.AsSpan(h += 24, 7));
        double[] months = Normalize(time.AsSpan(h += 7, 12));
        double[] yearCounts = time.AsSpan(h + 12, stats.YearCount).ToArray();
        double[] yearShares = Normalize(yearCounts);
        double monthMean = months.Average();
        var (start, days, years) = Period(stats, yearCounts, yearShares, yearFloor, dp);
        var sessionEdges = UserStatistics.SessionEdges;
        double sessionMass = sessionSizes.Sum(c => Math.Max(0, c)), sessionMean = 0;
        for (int b = 0; b < sessionSizes.Length; b++)
        {
            sessionMean += Math.Max(0, sessionSizes[b]) * (sessionEdges[b] + sessionEdges[b + 1]) / 2;
        }

        double[] activityQuantiles = dp ? Quantiles.FromHistogram(UserStatistics.ActivityEdges, activity, QuantilePoints) : Quantiles.Of(stats.ActivityValues, QuantilePoints);

        // Under DP the number of events follows from the noisy users and activity distribution (post-processing, no extra cost).
        double events = dp ? users * Math.Max(1, Interpolated(activityQuantiles).Average()) : stats.Events;
        double[] gapQuantiles = dp ? Quantiles.FromHistogram(UserStatistics.GapEdges, gaps, QuantilePoints) : Quantiles.Of(stats.GapValues, QuantilePoints);
        return new LogProfile
        {
            Users = (int)Math.Round(users),
            Items = dp ? 0 : stats.ItemCounts.Count,
            Events = (long)Math.Round(events),
            PopularityExponent = dp ? double.NaN : ZipfFit.Estimate([.. stats.ItemCounts.Values]),
            ActivityQuantiles = activityQuantiles,
            Ratings = ToShares(stats.RatingValues, ratings),
            Hours = hours,
            Weekdays = weekdays,
            Months = [.. months.Select(m => monthMean > 0 ? m / monthMean : 1)],
            Years = years,
            Start = start,
            Days = days,
            MeanSessionEvents = dp ? Math.Max(1, sessionMass > 0 ? sessionMean / sessionMass : 1) : stats.MeanSessionEvents,
            GapQuantiles = gapQuantiles,
            SpanQuantiles = dp ? Quantiles.FromHistogram(UserStatistics.SpanEdges, spans, QuantilePoints) : Quantiles.Of(stats.SpanValues, QuantilePoints),
            Genres = stats.ItemGenreShares,
            UserGenres = ToShares(stats.GenreNames, userGenres),
        };
    }

    // The period: exact first and last days, or under DP the run of years whose noisy count clears three noise widths.
    private static (DateOnly Start, int Days, Dictionary<int, double> Years) Period(UserStatistics stats, double[] yearCounts, double[] yearShares, double floor, bool dp)
    {
        DateOnly start = stats.First, end = stats.Last;
        if (dp)
        {
            int top = Array.IndexOf(yearCounts, yearCounts.Max());
            int first = Array.FindIndex(yearCounts, y => y >= floor), last = Array.FindLastIndex(yearCounts, y => y >= floor);
            (first, last) = first < 0 ? (top, top) : (first, last);
            start = new DateOnly(stats.FirstYear + Math.Max(first, 0), 1, 1);
            end = new DateOnly(stats.FirstYear + Math.Max(last, 0), 12, 31);
        }

        int days = Math.Max(1, end.DayNumber - start.DayNumber + 1);

        // A year's multiplier: its share of events per day of the period that falls in it, relative to the mean.
        var years = new Dictionary<int, double>();
        for (int y = start.Year; y <= end.Year; y++)
        {
            int from = Math.Max(start.DayNumber, new DateOnly(y, 1, 1).DayNumber), to = Math.Min(end.DayNumber, new DateOnly(y, 12, 31).DayNumber);
            int index = y - stats.FirstYear;
            double share = index >= 0 && index < yearShares.Length ? yearShares[index] : 0;
            years[y] = Math.Max(share, 0) / Math.Max(to - from + 1, 1) * days;
        }

        return (start, days, years);
    }

    // Zeroes counts below three noise widths; keeps at least the `keep` largest.
    private static void Threshold(double[] counts, double sigma, int keep = 1)
    {
        double[] largest = [.. counts.OrderDescending().Take(keep)];
        double floor = Math.Min(3 * sigma, largest.Length > 0 ? largest[^1] : 0);
        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] = counts[i] >= floor ? counts[i] : 0;
        }
    }

    private static IEnumerable<double> Interpolated(double[] quantiles)
    {
        for (int k = 0; k + 1 < quantiles.Length; k++)
        {
            yield return (quantiles[k] + quantiles[k + 1]) / 2;
        }
    }

    private static double[] Normalize(ReadOnlySpan<double> counts)
    {
        double total = 0;
        foreach (double c in counts)
        {
            total += Math.Max(0, c);
        }

        var result = new double[counts.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            result[i] = total > 0 ? Math.Max(0, counts[i]) / total : 1.0 / counts.Length;
        }

        return result;
    }

    private static Dictionary<T, double> ToShares<T>(IReadOnlyList<T> keys, double[] counts)
        where T : notnull
    {
        double[] shares = Normalize(counts);
        var result = new Dictionary<T, double>();
        for (int i = 0; i < keys.Count; i++)
        {
            if (shares[i] > 0)
            {
                result[keys[i]] = shares[i];
            }
        }

        return result;
    }
}
