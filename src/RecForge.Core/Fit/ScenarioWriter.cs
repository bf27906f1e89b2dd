using System.Globalization;
using System.Text;

namespace RecForge.Fit;

/// <summary>
/// Writes a <see cref="LogProfile"/> as an ordinary scenario file: synthetic items with the log's genre shares and
/// popularity exponent, users in per-genre taste clusters with the log's activity spread, and events with its size,
/// period, time profile, session shape and rating histogram. <c>recforge generate</c> then makes a twin at any size.
/// </summary>
public static class ScenarioWriter
{
    /// <summary>The scenario YAML; <paramref name="source"/> is named in the description.</summary>
    public static string Write(LogProfile p, string name, string source)
    {
        var c = CultureInfo.InvariantCulture;
        var y = new StringBuilder();
        y.Append(c, $"# Fitted by `recforge fit` from {source}: {p.Users:N0} users, {p.Items:N0} items, {p.Events:N0} events.\n");
        y.Append("# Synthetic items (genre shares and popularity of the log); regenerate at any size with --users/--items/--interactions.\n");
        y.Append(c, $"name: {Quote(name)}\nseed: 42\n\nworld:\n  latent_dimensions: 16\n  popularity:\n    exponent: {N(Math.Clamp(double.IsNaN(p.PopularityExponent) ? 1 : p.PopularityExponent, 0.05, 10))}\n");
        bool genres = p.Genres.Count > 0;
        y.Append(c, $"  clusters_per_user: {{ min: 1, max: {(genres ? Math.Min(2, p.UserGenres.Count) : 1)} }}\n  taste_clusters:\n");
        if (genres && p.UserGenres.Count > 0)
        {
            foreach (var (genre, share) in p.UserGenres.OrderByDescending(g => g.Value).ThenBy(g => g.Key, StringComparer.Ordinal))
            {
                if (p.Genres.ContainsKey(genre))
                {
                    y.Append(c, $"    {Quote(genre)}: {{ weight: {N(share)}, likes: {{ genre: [{Quote(genre)}] }} }}\n");
                }
            }
        }
        else
        {
            y.Append("    everyone: { weight: 1 }\n");
        }

        y.Append(c, $"\nitems:\n  table: items\n  count: {Math.Max(1, p.Items)}\n  id: {{ column: item_id, format: int64 }}\n  attributes:\n");
        if (genres)
        {
            y.Append("    genre:\n      latent_weight: 1.0\n      categorical:\n");
            foreach (var (genre, share) in p.Genres.OrderByDescending(g => g.Value).ThenBy(g => g.Key, StringComparer.Ordinal))
            {
                y.Append(c, $"        {Quote(genre)}: {N(Math.Max(share, 1e-6))}\n");
            }
        }

        y.Append("    popularity: { world: popularity }\n");
        y.Append(c, $"\nusers:\n  table: users\n  count: {Math.Max(1, p.Users)}\n  id: {{ column: user_id, format: int64 }}\n  attributes:\n    segment: {{ world: taste_cluster }}\n");

        y.Append(c, $"\nevents:\n  table: ratings\n  count: {Math.Max(p.Events, p.Users)}\n  distinct_items: true\n  start: {p.Start:yyyy-MM-dd}\n  days: {p.Days}\n");
        AppendActivityAndSessions(y, p);
        y.Append("  choice: { preference: 0.6, popularity: 0.3, exploration: 0.1, coherence: 0.5, preference_popularity_bias: 0.5 }\n");
        AppendTimeProfile(y, p);
        if (p.Ratings.Count > 0)
        {
            y.Append("  rating:\n    histogram: { ");
            y.AppendJoin(", ", p.Ratings.OrderByDescending(r => r.Key).Select(r => $"{r.Key.ToString("0.0##", c)}: {N(r.Value)}"));
            y.Append(" }\n  columns: { user: user_id, item: item_id, rating: rating, timestamp: timestamp }\n");
        }
        else
        {
            y.Append("  columns: { user: user_id, item: item_id, timestamp: timestamp }\n");
        }

        y.Append("\noutput:\n  format: parquet\n");
        return y.ToString();
    }

    /// <summary>The measured activity distribution and session shape (events per session, gaps, users' spans).</summary>
    internal static void AppendActivityAndSessions(StringBuilder y, LogProfile p)
    {
        var c = CultureInfo.InvariantCulture;
        y.Append(c, $"  activity: {{ quantiles: [{string.Join(", ", p.ActivityQuantiles.Select(N))}] }}\n");
        y.Append(c, $"  session:\n    mean_events: {N(Math.Max(1, p.MeanSessionEvents))}\n    gap_seconds: {{ quantiles: [{string.Join(", ", p.GapQuantiles.Select(N))}] }}\n");
        y.Append(c, $"    user_span_days: {{ quantiles: [{string.Join(", ", p.SpanQuantiles.Select(N))}] }}\n");
    }

    /// <summary>The measured hour, weekday, month and year profile.</summary>
    internal static void AppendTimeProfile(StringBuilder y, LogProfile p)
    {
        var c = CultureInfo.InvariantCulture;
        y.Append(c, $"  time_profile:\n    hours: [{string.Join(", ", p.Hours.Select(h => N(h * 24)))}]\n    weekdays: [{string.Join(", ", p.Weekdays.Select(d => N(d * 7)))}]\n");
        y.Append(c, $"    months: [{string.Join(", ", p.Months.Select(m => N(Math.Max(m, 0))))}]\n");
        y.Append(c, $"    years: {{ {string.Join(", ", p.Years.OrderBy(x => x.Key).Select(x => $"{x.Key}: {N(x.Value)}"))} }}\n");
    }

    /// <summary>A number with at most four decimals.</summary>
    internal static string N(double v) => Math.Round(v, 4).ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A double-quoted YAML string.</summary>
    internal static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
