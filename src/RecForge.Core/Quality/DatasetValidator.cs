using System.Globalization;
using RecForge.Clustering;
using RecForge.Generation;
using RecForge.Generation.Events;
using RecForge.Output;
using RecForge.Scenarios;

namespace RecForge.Quality;

/// <summary>
/// Validates a dataset in one streaming pass per table: structure (keys, foreign keys, finite values, ranges, activity,
/// connectivity, coverage) and, with a scenario, statistics against its targets; without one, statistics only.
/// </summary>
public static class DatasetValidator
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

    // Music: plays within the track, skip and completion rates between the extremes the play model allows, plays per
    // session near the configured mean, and distinct items per listener.
    private static void ListeningChecks(ScenarioDefinition? scenario, DatasetColumns columns, string ev, EventTally events, List<QualityCheck> checks)
    {
        if (events.Plays == 0)
        {
            return;
        }

        checks.Add(Faults($"range.{ev}.{columns.Played}", events.PlayedOutOfRange, $"{events.PlayedOutOfRange.Count:N0} outside", $"0 <= {columns.Played} <= {columns.Duration ?? "duration"}"));
        double skip = (double)events.Skips / events.Plays, complete = (double)events.Completions / events.Plays;
        if (scenario?.Events.Play is { } play)
        {
            // The overall rates are averages of per-play chances, so they lie between the chances' extremes.
            double[] factors = play.UserFactor is { } f
                ? [.. ((CategoryAttribute)scenario.Users.Attributes[f.Slot]).Categories.Select(c => (double)c.Properties[f.Property])]
                : [1.0];
            double skipLo = Math.Min(play.SkipLow, play.SkipHigh) * factors.Min(), skipHi = Math.Min(1, Math.Max(play.SkipLow, play.SkipHigh) * factors.Max());
            // A play's full-play chance is min(1 − its skip chance, the affinity-interpolated chance).
            double completeLo = Math.Min(Math.Min(play.CompleteLow, play.CompleteHigh), 1 - skipHi), completeHi = Math.Max(play.CompleteLow, play.CompleteHigh);
            checks.Add(new QualityCheck("listening.skip_rate", Statistics, skip >= skipLo && skip <= skipHi, Pct(skip), $"[{Pct(skipLo)}, {Pct(skipHi)}]",
                $"plays under {play.SkipSeconds:0.#} s; the chance moves with affinity and user type between these bounds"));
            checks.Add(new QualityCheck("listening.completion_rate", Statistics, complete >= completeLo && complete <= completeHi, Pct(complete), $"[{Pct(completeLo)}, {Pct(completeHi)}]",
                $"plays of at least {100 * play.CompleteFraction:0}% of the track"));
        }
        else
        {
            checks.Add(new QualityCheck("listening.skip_rate", Statistics, null, Pct(skip), null, "plays under 30 s"));
            checks.Add(new QualityCheck("listening.completion_rate", Statistics, null, Pct(complete), null, "plays of at least 80% of the track"));
        }

        if (events.Sessions.Count > 0)
        {
            double perSession = (double)events.Rows / events.Sessions.Count;
            double? target = scenario?.Events.MeanSessionEvents;
            checks.Add(new QualityCheck("listening.events_per_session", Statistics, target is null ? null : Math.Abs(perSession - target.Value) <= 0.25 * target.Value,
                F(perSession, 2), target is null ? null : $"{F(target.Value, 1)} ± 25%", $"{events.Sessions.Count:N0} sessions"));
        }

        checks.Add(new QualityCheck($"listening.{columns.EventItem}_per_user", Statistics, null, F((double)events.UserItems.Count / Math.Max(1, events.UserCount), 1), null,
            $"distinct {columns.EventItem} per listener (of {F((double)events.Rows / Math.Max(1, events.UserCount), 1)} plays)"));
    }

    /// <summary>The manifest's own checks: every file present with its size and SHA-256, and the table row counts.</summary>
    public static IEnumerable<QualityCheck> ManifestChecks(string directory, Manifest manifest)
    {
        int bad = 0, total = 0;
        string? first = null;
        foreach (ManifestTable table in manifest.Tables)
        {
            foreach (ManifestFile file in table.Files)
            {
                total++;
                string path = Path.Combine(directory, file.Path);
                string? problem = !File.Exists(path) ? "missing"
                    : new FileInfo(path).Length != file.Bytes ? $"{new FileInfo(path).Length:N0} bytes, manifest says {file.Bytes:N0}"
                    : FileChecksum.Sha256(path) != file.Sha256 ? "SHA-256 differs from the manifest" : null;
                if (problem is not null)
                {
                    bad++;
                    first ??= $"{file.Path}: {problem}";
                }
            }
        }

        yield return new QualityCheck("manifest.files", Structure, bad == 0, $"{total - bad:N0} of {total:N0} files match", "size and SHA-256 as in the manifest", first ?? "");
    }

    /// <summary>Compares the columns read with those the scenario writes (names and types; partition columns included).</summary>
    public static QualityCheck SchemaCheck(TableView table, TableSchema expected)
    {
        static string Kind(ColumnKind k) => k == ColumnKind.HalfVector ? nameof(ColumnKind.FloatVector) : k.ToString();
        var have = table.Schema.Columns.ToDictionary(c => c.Name, c => Kind(c.Kind), StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (ColumnSpec c in expected.Columns)
        {
            if (!have.TryGetValue(c.Name, out string? kind))
            {
                problems.Add($"missing {c.Name}");
            }
            else if (kind != Kind(c.Kind))
            {
                problems.Add($"{c.Name} is {kind}, expected {Kind(c.Kind)}");
            }
        }

        foreach (string extra in have.Keys.Where(n => expected.IndexOf(n) < 0))
        {
            problems.Add($"unexpected {extra}");
        }

        return new QualityCheck($"schema.{table.Name}", Structure, problems.Count == 0, $"{table.Schema.Columns.Count} columns", $"the {expected.Columns.Count} columns of the scenario",
            string.Join("; ", problems));
    }

    /// <summary>The columns the scenario writes to each of its tables.</summary>
    public static IReadOnlyDictionary<string, TableSchema> ScenarioSchemas(ScenarioDefinition scenario) => new Dictionary<string, TableSchema>(StringComparer.Ordinal)
    {
        [scenario.Items.Table] = EntityLayout.Schema(scenario.Items, out _),
        [scenario.Users.Table] = EntityLayout.Schema(scenario.Users, out _),
        [scenario.Events.Table] = InteractionSampler.BuildSchema(scenario),
    };

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

    // Configured peaks (local hours) must each have a measured local maximum of the hourly profile within an hour.
    private static QualityCheck PeakHours(EventTally events, ScenarioDefinition? scenario)
    {
        var hours = new double[24];
        for (int i = 0; i < hours.Length * 7; i++)
        {
            hours[i % 24] += events.HourWeekday[i];
        }

        // Explicit hourly weights (a fitted profile) have their own largest local maxima as the peaks.
        IReadOnlyList<double>? weights = scenario?.Events.Time.Hours;
        int[] configured = weights is null ? [.. (scenario?.Events.Time.Peaks ?? []).Select(p => (int)Math.Round(p.Hour) % 24)] : LocalMaxima([.. weights], 3);
        int wanted = scenario is null ? 3 : configured.Length;
        int[] peaks = LocalMaxima(hours, wanted);
        string measured = string.Join(", ", peaks.Select(h => $"{h:00}:00"));
        if (scenario is null)
        {
            return new QualityCheck("time.peak_hours", Statistics, null, measured, null, "largest local maxima of events by local hour");
        }

        int[] target = configured;
        bool ok = target.All(t => peaks.Any(p => Math.Min(Math.Abs(p - t), 24 - Math.Abs(p - t)) <= 1));
        return new QualityCheck("time.peak_hours", Statistics, ok, measured, string.Join(", ", target.Select(h => $"{h:00}:00")) + " ± 1 h",
            "largest local maxima of events by local hour (users' UTC offsets applied)");
    }

    // Shares of events per local hour (24) or weekday (7, Monday first) vs the configured weights. ≤ 0.1: a session's
    // events share its day and mostly its hour, so events are clumped by session and heavy users' sessions move the
    // shares by a few points (a 100,000-event twin of MovieLens measures 0.04 for hours and 0.05 for weekdays).
    private static QualityCheck ProfileShares(string name, EventTally events, IReadOnlyList<double> weights, int bins)
    {
        var measured = new double[bins];
        for (int i = 0; i < events.HourWeekday.Length; i++)
        {
            measured[bins == 24 ? i % 24 : i / 24] += events.HourWeekday[i];
        }

        double tv = Concentration.TotalVariation(measured, weights);
        return new QualityCheck(name, Statistics, tv <= 0.1, $"TVD {F(tv, 3)}", "<= 0.100",
            bins == 24 ? "total-variation distance of events by local hour from time_profile.hours" : "total-variation distance of events by weekday from time_profile.weekdays");
    }

    private static int[] LocalMaxima(double[] hours, int count)
        => [.. Enumerable.Range(0, 24).Where(h => hours[h] >= hours[(h + 23) % 24] && hours[h] > hours[(h + 1) % 24]).OrderByDescending(h => hours[h]).Take(count).Order()];

    // Mean events per weekend day over mean per weekday, over the local calendar days that have events.
    private static QualityCheck WeekendRatio(EventTally events, ScenarioDefinition? scenario)
    {
        double weekend = 0, weekday = 0;
        int weekendDays = 0, weekdays = 0;
        if (events.Days.Count > 0)
        {
            int from = events.Days.Keys.Min() + 1, to = events.Days.Keys.Max() - 1; // edge days are cut by time zones
            for (int d = from; d <= to; d++)
            {
                DayOfWeek day = DateTime.MinValue.AddDays(d).DayOfWeek;
                long count = events.Days.GetValueOrDefault(d);
                if (day is DayOfWeek.Saturday or DayOfWeek.Sunday)
                {
                    (weekend, weekendDays) = (weekend + count, weekendDays + 1);
                }
                else
                {
                    (weekday, weekdays) = (weekday + count, weekdays + 1);
                }
            }
        }

        double ratio = weekendDays == 0 || weekday == 0 ? double.NaN : weekend / weekendDays / (weekday / weekdays);
        double? factor = scenario?.Events.Time.Weekdays is { } w
            ? (w[5] + w[6]) / 2 / ((w[0] + w[1] + w[2] + w[3] + w[4]) / 5)
            : scenario?.Events.Time.WeekendFactor;

        // ±0.15: month and holiday multipliers and the session process move day totals by a few percent around the factor.
        return new QualityCheck("time.weekend_ratio", Statistics, factor is null ? null : Math.Abs(ratio - factor.Value) <= 0.15, F(ratio, 3),
            factor is null ? null : $"{F(factor.Value, 2)} ± 0.15", "mean events per weekend day / per weekday (local dates)");
    }

    private static ShareChart CategoryShares(CategoryAttribute a, Dictionary<string, long> counts)
    {
        // Taxonomies are compared at their top level, where the configured weights are.
        string[] groups = [.. a.Categories.Select(c => c.Group).Distinct()];
        var measured = new double[groups.Length];
        var target = new double[groups.Length];
        double total = Math.Max(1, counts.Values.Sum());
        foreach (var (value, count) in counts)
        {
            int g = Array.IndexOf(groups, a.IsTaxonomy ? value.Split(" > ")[0] : value);
            if (g >= 0)
            {
                measured[g] += count / total;
            }
        }

        double weights = a.Categories.Sum(c => c.Weight);
        foreach (Category c in a.Categories)
        {
            target[Array.IndexOf(groups, c.Group)] += c.Weight / weights;
        }

        return new ShareChart(a.Name, groups, measured, target);
    }

    private static (double Alpha, int To) EventZipf(long[] itemCounts)
    {
        long[] sorted = (long[])itemCounts.Clone();
        Array.Sort(sorted);
        Array.Reverse(sorted);
        int to = Math.Max(2, Math.Min(sorted.Length, sorted.Count(c => c >= 5)));
        return to > sorted.Length ? (double.NaN, 0) : (ZipfFit.Estimate(sorted.AsSpan(0, to).ToArray().Select(c => (double)c).ToArray()), to);
    }

    private static (double, double)[] RankPoints(long[] itemCounts)
    {
        long[] sorted = (long[])itemCounts.Clone();
        Array.Sort(sorted);
        Array.Reverse(sorted);
        var points = new List<(double, double)>();
        int last = -1;
        for (double r = 1; r <= sorted.Length; r *= 1.05)
        {
            int rank = (int)r;
            if (rank != last && sorted[rank - 1] > 0)
            {
                points.Add((rank, sorted[rank - 1]));
                last = rank;
            }
        }

        return [.. points];
    }

    // The sample on its first two principal components, coloured by top-level category and by a k-means clustering of
    // the sample (k = number of categories): the cluster map.
    private static ProjectedItem[] Project(ItemTally items)
    {
        if (items.Sample.Count < 3)
        {
            return [];
        }

        float[][] vectors = [.. items.Sample.Select(s => s.Vector)];
        (double X, double Y)[] xy = Pca.Project2D(vectors);
        string[] names = [.. items.Sample.Select(s => s.Category >= 0 ? items.CategoryNames[s.Category].Split(" > ")[0] : "")];
        int k = Math.Clamp(names.Distinct().Count(), 2, Math.Min(12, vectors.Length));
        float[][] unit = [.. vectors.Select(v => { var u = (float[])v.Clone(); World.VectorMath.Normalize(u); return u; })];
        int[] clusters = KMeans.Fit(unit, k, 42).Assignments;
        return [.. xy.Select((p, i) => new ProjectedItem(p.X, p.Y, names[i], clusters[i]))];
    }

    private static string F(double value, int digits) => value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Pct(double share) => (share * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";

    // The period is in local time: with per-user UTC offsets (at most ±14 h) a UTC timestamp may fall a day either side.
    private static int Pad(ScenarioDefinition scenario) => scenario.Events.UtcOffsetMinutes is null ? 0 : 1;
}
