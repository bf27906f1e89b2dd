using System.Globalization;
using RecForge.Output;
using RecForge.Scenarios;

namespace RecForge.Quality;

/// <summary>
/// Validates a dataset in one streaming pass per table: structure (keys, foreign keys, finite values, ranges, activity,
/// connectivity, coverage) and, with a scenario, statistics against its targets; without one, statistics only.
/// </summary>
public static partial class DatasetValidator
{
    private const string Structure = "structure";
    private const string Statistics = "statistics";

    /// <summary>Runs every check that the view and scenario allow; <paramref name="prior"/> (e.g. manifest checks) come first.</summary>
    public static ValidationReport Validate(string dataset, DatasetView view, ScenarioDefinition? scenario, IReadOnlyList<QualityCheck>? prior = null)
    {
        var checks = new List<QualityCheck>(prior ?? []);
        DatasetColumns columns = view.Columns;
        QualityDefinition quality = scenario?.Quality ?? QualityDefinition.Default;
        CategoryAttribute[] categorical = scenario is null ? [] : [.. scenario.Items.Attributes.OfType<CategoryAttribute>().Where(a => a.Output)];
        string? popularity = scenario?.Items.Attributes.OfType<WorldAttribute>().FirstOrDefault(w => w.Output && w.Kind == WorldValueKind.Popularity)?.Name;
        int? dimension = scenario?.Items.Attributes.OfType<WorldAttribute>().FirstOrDefault(w => w.Name == columns.ItemEmbedding)?.Embedding?.Dimension;

        ItemTally? items = null;
        if (view.Items is { } itemTable)
        {
            items = new ItemTally(columns, [.. quality.Entropy.Select(e => e.Path)], [.. categorical.Select(a => a.Name)], popularity, dimension);
            Read(itemTable, checks, b => items.Add(b, itemTable.Name));
            checks.Add(Faults($"keys.{itemTable.Name}", items.Duplicates, $"{items.Rows:N0} rows, {items.Keys.Count:N0} distinct {columns.ItemKey}", "unique"));
        }

        UserTally? users = null;
        if (view.Users is { } userTable)
        {
            users = new UserTally(columns);
            Read(userTable, checks, b => users.Add(b, userTable.Name));
            checks.Add(Faults($"keys.{userTable.Name}", users.Duplicates, $"{users.Rows:N0} rows, {users.Keys.Count:N0} distinct {columns.UserKey}", "unique"));
        }

        (DateTime, DateTime)? window = scenario is null ? null
            : (scenario.Events.StartDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddDays(-Pad(scenario)), scenario.Events.StartDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddDays(scenario.Events.Days + Pad(scenario)));
        var events = new EventTally(columns, users, items, window)
        {
            SkipMilliseconds = (scenario?.Events.Play?.SkipSeconds ?? 30) * 1000,
            CompleteFraction = scenario?.Events.Play?.CompleteFraction ?? 0.8,
            TrackUserItems = columns.Played is not null,
        };
        Read(view.Events, checks, b => events.Add(b, view.Events.Name));

        // Structure.
        string ev = view.Events.Name;
        if (items is not null)
        {
            checks.Add(Faults($"references.{ev}.{columns.EventItem}", events.DanglingItems, $"{events.Rows - events.DanglingItems.Count:N0} of {events.Rows:N0} resolve", $"every {columns.EventItem} in {view.Items!.Name}"));
        }

        if (users is not null)
        {
            checks.Add(Faults($"references.{ev}.{columns.EventUser}", events.DanglingUsers, $"{events.Rows - events.DanglingUsers.Count:N0} of {events.Rows:N0} resolve", $"every {columns.EventUser} in {view.Users!.Name}"));
        }

        var nonFinite = new ColumnFaults();
        foreach (ColumnFaults f in new[] { items?.NonFinite, users?.NonFinite, events.NonFinite }.OfType<ColumnFaults>())
        {
            nonFinite.Merge(f);
        }

        checks.Add(Faults("finite", nonFinite, $"{nonFinite.Count:N0} NaN or infinite values", "none (embeddings included)"));
        if (items is not null && columns.ItemEmbedding is not null && items.Sample.Count > 0)
        {
            checks.Add(Faults("embedding.dimension", items.WrongDimension, $"{items.Rows - items.WrongDimension.Count:N0} of {items.Rows:N0} vectors of {dimension?.ToString(CultureInfo.InvariantCulture) ?? "one"} values",
                dimension is null ? "one dimension" : $"{dimension} values each"));
        }

        if (items?.PopularityColumn is not null)
        {
            checks.Add(Faults($"range.{view.Items!.Name}.{items.PopularityColumn}", items.OutOfRange, $"{items.OutOfRange.Count:N0} outside", "[0, 1]"));
        }

        if (columns.WatchTime is not null)
        {
            checks.Add(Faults($"range.{ev}.{columns.WatchTime}", events.WatchOutOfRange, $"{events.WatchOutOfRange.Count:N0} outside", "[0, 1]"));
        }

        if (window is { } w)
        {
            checks.Add(Faults($"range.{ev}.{columns.Timestamp}", events.TimeOutOfRange, $"{events.TimeOutOfRange.Count:N0} outside",
                string.Create(CultureInfo.InvariantCulture, $"{w.Item1.AddDays(Pad(scenario!)):yyyy-MM-dd} + {scenario!.Events.Days} days{(Pad(scenario) > 0 ? " (± 1 day for time zones)" : "")}")));
        }

        if (users is not null)
        {
            int idle = events.UserCounts.Count(c => c == 0);
            int first = events.UserCounts.FindIndex(c => c == 0);
            checks.Add(new QualityCheck("users.active", Structure, idle == 0, $"{users.Keys.Count - idle:N0} of {users.Keys.Count:N0} users have events", "every user has at least one event",
                idle == 0 ? "" : $"{idle:N0} users without events (user #{first} of the table is one)"));
        }

        double component = events.LargestComponentShare();
        checks.Add(new QualityCheck("graph.largest_component", Structure, component >= quality.LargestComponent, Pct(component),
            $">= {Pct(quality.LargestComponent)}", "share of users and items in the largest connected component of the user-item graph"));
        if (items is not null)
        {
            foreach (CategoryAttribute a in categorical)
            {
                Dictionary<string, long> counts = items.Values[a.Name];
                string[] unused = [.. a.Categories.Select(c => c.Value).Where(v => counts.GetValueOrDefault(v) == 0)];
                checks.Add(new QualityCheck($"coverage.{a.Name}", Structure, unused.Length == 0, $"{a.Categories.Count - unused.Length} of {a.Categories.Count} used",
                    $"every {a.Name} used", unused.Length == 0 ? "" : "unused: " + string.Join(", ", unused.Take(5))));
            }
        }

        // Statistics.
        long[] itemCounts = [.. events.ItemCounts];
        long[] userCounts = [.. events.UserCounts];
        var shares = new List<ShareChart>();
        if (items is not null && popularity is not null && items.Popularity.Count > 1)
        {
            double alpha = ZipfFit.Estimate(items.Popularity.ToArray());

            // Popularity listed per item (a fitted catalogue) has no exponent to meet: the fit is reported only.
            bool listed = scenario!.World.PopularityWeights is not null;
            checks.Add(new QualityCheck($"zipf.{view.Items!.Name}.{popularity}", Statistics, listed ? null : Math.Abs(alpha - scenario.World.PopularityExponent) <= 0.05, F(alpha, 3),
                listed ? null : string.Create(CultureInfo.InvariantCulture, $"{scenario.World.PopularityExponent} ± 0.05"), $"maximum-likelihood Zipf exponent of the popularity column over ranks 1..{items.Popularity.Count:N0}"));
        }

        (double eventAlpha, int fitTo) = EventZipf(itemCounts);
        checks.Add(new QualityCheck($"zipf.{ev}.{columns.EventItem}", Statistics, null, F(eventAlpha, 3), null,
            $"maximum-likelihood Zipf exponent of events per item, fitted over ranks 1..{fitTo:N0} (items with at least 5 events)"));
        checks.Add(Share("top_users", $"{ev} by the most active users", userCounts, quality.TopUsers, 0.2));
        checks.Add(Share("top_items", $"{ev} on the most popular items", itemCounts, quality.TopItems, 0.1));
        if (columns.Timestamp is not null)
        {
            // Explicit hourly and weekday weights (a fitted profile) are checked as whole distributions.
            checks.Add(scenario?.Events.Time.Hours is { } hourWeights ? ProfileShares("time.hours", events, hourWeights, 24) : PeakHours(events, scenario));
            checks.Add(scenario?.Events.Time.Weekdays is { } dayWeights ? ProfileShares("time.weekdays", events, dayWeights, 7) : WeekendRatio(events, scenario));
        }

        if (items is not null)
        {
            foreach ((string path, double min) in quality.Entropy)
            {
                double h = Entropy.Nats(items.Entropy[path].Values);
                checks.Add(new QualityCheck($"entropy.{path}", Statistics, h > min, F(h, 3) + " nats", $"> {F(min, 1)} nats",
                    $"{items.Entropy[path].Count} values: " + string.Join(", ", items.Entropy[path].OrderByDescending(p => p.Value).Take(6).Select(p => $"{p.Key} {Pct((double)p.Value / items.Rows)}"))));
            }

            foreach (CategoryAttribute a in categorical)
            {
                ShareChart chart = CategoryShares(a, items.Values[a.Name]);
                shares.Add(chart);
                double tv = Concentration.TotalVariation(chart.Measured, chart.Target!);
                checks.Add(new QualityCheck($"shares.{a.Name}", Statistics, tv <= quality.ShareTolerance, $"TVD {F(tv, 4)}", $"<= {F(quality.ShareTolerance, 3)}",
                    string.Join(", ", chart.Categories.Select((c, i) => $"{c} {Pct(chart.Measured[i])} (target {Pct(chart.Target![i])})"))));
            }
        }

        if (events.WatchCount > 0)
        {
            double mean = events.WatchSum / events.WatchCount;
            WatchTimeDefinition? target = scenario?.Events.WatchTime;
            checks.Add(new QualityCheck($"mean.{ev}.{columns.WatchTime}", Statistics, target is null ? null : mean >= target.MeanLow && mean <= target.MeanHigh, F(mean, 3),
                target is null ? null : $"[{F(target.MeanLow, 2)}, {F(target.MeanHigh, 2)}]", "mean watched fraction; the configured Beta mean rises with affinity between the bounds"));
        }

        if (items is not null && items.CategoryNames.Count > 0)
        {
            checks.Add(new QualityCheck("diversity.categories_per_user", Statistics, null, F(events.MeanCategoriesPerUser(), 2), null,
                $"mean distinct {columns.ItemCategory} per active user (of {items.CategoryNames.Count})"));
        }

        if (events.Types.Count > 0)
        {
            checks.Add(new QualityCheck($"shares.{ev}.{columns.EventType}", Statistics, null, string.Join(", ", events.Types.OrderByDescending(t => t.Value).Select(t => $"{t.Key} {Pct((double)t.Value / events.Rows)}")), null, "event types"));
        }

        ListeningChecks(scenario, columns, ev, events, checks);

        var ratings = new List<(string, double, double?)>();
        if (events.Ratings.Count > 0)
        {
            long total = events.Ratings.Values.Sum();
            double mean = events.Ratings.Sum(p => p.Key * p.Value) / total;
            RatingDefinition? configured = scenario?.Events.Rating;
            double[]? mixture = configured?.Mixture(scenario!.Events.Choice);
            double tv = 0;
            foreach (double value in events.Ratings.Keys.Union(configured?.Values ?? []).Order())
            {
                double measured = (double)events.Ratings.GetValueOrDefault(value) / total;
                int at = configured is null ? -1 : Array.IndexOf(configured.Values, value);
                double? target = configured is null ? null : at >= 0 ? mixture![at] : 0;
                tv += Math.Abs(measured - (target ?? 0)) / 2;
                ratings.Add((F(value, 1), measured, target));
            }

            string detail = string.Join(", ", ratings.Select(r => r.Item3 is { } t ? $"{r.Item1}: {Pct(r.Item2)} (target {Pct(t)})" : $"{r.Item1}: {Pct(r.Item2)}"));
            checks.Add(configured is null
                ? new QualityCheck($"ratings.{ev}.{columns.Rating}", Statistics, null, $"mean {F(mean, 3)}", null, detail)
                : new QualityCheck($"ratings.{ev}.{columns.Rating}", Statistics, tv <= quality.RatingTolerance, $"TVD {F(tv, 4)}, mean {F(mean, 3)}",
                    $"<= {F(quality.RatingTolerance, 3)}", "histogram vs the mixture of the per-source rating distributions by the choice shares: " + detail));
        }

        var (lorenz, gini) = Concentration.Lorenz(userCounts);
        var charts = new ReportCharts(RankPoints(itemCounts), eventAlpha, (1, fitTo), events.HourWeekday, ratings,
            events.WatchCount == 0 ? [] : [.. events.WatchHistogram.Select(c => (double)c / events.WatchCount)], shares, lorenz, gini,
            items is null ? [] : Project(items));
        return new ValidationReport(dataset, scenario?.Name, checks, charts);
    }

    private static void Read(TableView table, List<QualityCheck> checks, Action<ColumnBatch> add)
    {
        long rows = 0;
        try
        {
            foreach (ColumnBatch batch in table.Read())
            {
                add(batch);
                rows += batch.Count;
            }

            checks.Add(new QualityCheck($"read.{table.Name}", Structure, true, $"{rows:N0} rows", "every file readable", ""));
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            checks.Add(new QualityCheck($"read.{table.Name}", Structure, false, $"{rows:N0} rows read", "every file readable", FirstLine(e.Message)));
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private static QualityCheck Faults(string name, ColumnFaults faults, string measured, string target)
        => new(name, Structure, faults.Count == 0, measured, target, faults.First ?? "");

    private static QualityCheck Share(string name, string what, long[] counts, ShareTarget? target, double fraction)
    {
        double f = target?.Fraction ?? fraction;
        double share = Concentration.TopShare(counts, f);
        return new QualityCheck($"{name}_{F(f * 100, 0)}pct_share", Statistics, target is null ? null : share >= target.Min && share <= target.Max, Pct(share),
            target is null ? null : $"[{Pct(target.Min)}, {Pct(target.Max)}]", $"share of {what} (top {Pct(f)} of {counts.Length:N0})");
    }

    private static string F(double value, int digits) => value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Pct(double share) => (share * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";

    // The period is in local time: with per-user UTC offsets (at most ±14 h) a UTC timestamp may fall a day either side.
    private static int Pad(ScenarioDefinition scenario) => scenario.Events.UtcOffsetMinutes is null ? 0 : 1;
}
