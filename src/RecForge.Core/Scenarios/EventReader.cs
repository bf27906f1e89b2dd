using System.Globalization;
using RecForge.Sampling;
using YamlDotNet.RepresentationModel;

namespace RecForge.Scenarios;

/// <summary>Reads the <c>events</c> section: volume, activity, sessions, choice mix, time profile, funnel and watch time.</summary>
internal static partial class EventReader
{
    public static EventDefinition Read(MappingReader r, EntityDefinition users, EntityDefinition items)
    {
        string table = r.String("table", "interactions")!;
        long count = r.Integer("count", 10_000, 1);
        string startText = r.String("start", "2024-01-01")!;
        if (!DateOnly.TryParseExact(startText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly start))
        {
            throw r.Error("start", $"expected a date as yyyy-MM-dd, got '{startText}'");
        }

        int days = (int)r.Integer("days", 365, 1, 36_600);
        AttributeDefinition? activityAttribute = null;
        if (r.Mapping("activity") is { } activityReader && activityReader.String("attribute") is { } activityName)
        {
            // Activity read from a user attribute (e.g. activity_level) instead of a sampler.
            activityAttribute = users.Find(activityName) is NumberAttribute or ExpressionAttribute { Expression.IsText: false } ? users.Find(activityName)
                : throw activityReader.Error("attribute", $"'{activityName}' must be a numeric user attribute");
            activityReader.Finish();
        }

        IScalarSampler activity = activityAttribute is null ? OptionalSampler(r, "activity") ?? new LogNormalSampler(0, 1) : new ConstantSampler(1);

        AttributeDefinition? offset = null;
        if (r.String("utc_offset_minutes") is { } offsetName)
        {
            offset = users.Find(offsetName);
            if (offset is not (NumberAttribute or ExpressionAttribute { Expression.IsText: false }))
            {
                throw r.Error("utc_offset_minutes", $"'{offsetName}' must be a numeric user attribute");
            }
        }

        MappingReader? session = r.Mapping("session");
        double meanEvents = session?.Number("mean_events", 4, 1) ?? 4;
        double gap = session?.Number("mean_gap_minutes", 20, 0, exclusiveMin: true) ?? 20;
        IScalarSampler? gapSeconds = session is null ? null : OptionalSampler(session, "gap_seconds");
        IScalarSampler? spanDays = session is null ? null : OptionalSampler(session, "user_span_days");
        if (gapSeconds is not null && session!.Has("mean_gap_minutes"))
        {
            throw session.Error("mean_gap_minutes", "give either mean_gap_minutes or gap_seconds");
        }

        session?.Finish();

        ChoiceDefinition choice = ReadChoice(r.Mapping("choice"), items);
        TimeProfileDefinition time = ReadTime(r.Mapping("time_profile"));
        bool hasFunnel = r.Has("funnel");
        List<FunnelStep> funnel = ReadFunnel(r);
        RatingDefinition? rating = r.Mapping("rating") is { } ratingReader ? ReadRating(ratingReader, items) : null;

        // Ratings are one per user–item pair unless the scenario says otherwise; other events may repeat an item.
        bool distinct = r.Bool("distinct_items", rating is not null);
        var itemColumns = new List<(string, AttributeDefinition)>();
        if (r.Mapping("item_columns") is { } copied)
        {
            // event column: item attribute — copied into every event (a play's artist and track duration).
            foreach (var (column, _) in copied.Entries())
            {
                string attribute = copied.RequireString(column);
                itemColumns.Add((column, items.Find(attribute) is { Output: true } a and (NumberAttribute or ExpressionAttribute or CategoryAttribute or WorldAttribute { Kind: WorldValueKind.Creator or WorldValueKind.Popularity })
                    ? a : throw copied.Error(column, $"'{attribute}' is not a numeric, categorical or creator output attribute of the items")));
            }

            copied.Finish();
        }

        PlayDefinition? play = r.Mapping("play") is { } p ? ReadPlay(p, items, users) : null;

        WatchTimeDefinition? watch = null;
        if (r.Mapping("watch_time") is { } w)
        {
            double low = w.Number("mean_low", 0.3, 0, 1, exclusiveMin: true);
            double high = w.Number("mean_high", 0.85, 0, 1, exclusiveMin: true);
            if (high >= 1 || low >= 1)
            {
                throw w.Error("mean_high", "means must be below 1");
            }

            watch = new WatchTimeDefinition(w.Number("concentration", 5, 0, exclusiveMin: true), low, high);
            w.Finish();
        }

        MappingReader? c = r.Mapping("columns");
        // Without a funnel every event is the same kind, so there is no type column unless one is named.
        string? type = c?.String("type") ?? (hasFunnel ? "interaction_type" : null);
        var columns = new EventColumns(
            c?.String("user", "user_id") ?? "user_id",
            c?.String("item", "item_id") ?? "item_id",
            type,
            c?.String("watch_time", "watch_time") ?? "watch_time",
            c?.String("timestamp", "timestamp") ?? "timestamp",
            rating is null ? null : c?.String("rating", "rating") ?? "rating",
            c?.String("source"),
            c?.String("session"));
        c?.Finish();
        r.Finish();
        return new EventDefinition(table, count, start, days, activity, offset, meanEvents, gap, choice, time, funnel, watch, rating, columns)
        {
            ItemColumns = itemColumns,
            Play = play,
            ActivityAttribute = activityAttribute,
            GapSeconds = gapSeconds,
            UserSpanDays = spanDays,
            DistinctItems = distinct,
        };
    }

    // A field holding exactly one sampler, e.g. gap_seconds: { lognormal: { mu: 3, sigma: 1 } }.
    private static IScalarSampler? OptionalSampler(MappingReader r, string key)
    {
        if (r.Mapping(key) is not { } m)
        {
            return r.Has(key) ? throw r.Error(key, "expected one sampler, e.g. { lognormal: { mu: 3, sigma: 1 } }") : null;
        }

        IScalarSampler? sampler = null;
        foreach (var (kind, value) in m.Entries())
        {
            sampler = SamplerReader.IsSampler(kind) && sampler is null
                ? SamplerReader.Read(kind, value, m.Child(kind), m.Source, out _)
                : throw m.Error(kind, $"expected exactly one sampler ({string.Join(", ", SamplerReader.Kinds)})");
        }

        return sampler ?? throw r.Error(key, "expected one sampler, e.g. { lognormal: { mu: 3, sigma: 1 } }");
    }

    // play: { duration: <item attribute, ms>, column: ms_played, skip: {min, max}, complete: {min, max}, user_factor: attr.prop }
    private static PlayDefinition ReadPlay(MappingReader p, EntityDefinition items, EntityDefinition users)
    {
        string durationName = p.RequireString("duration");
        AttributeDefinition duration = items.Find(durationName) is NumberAttribute or ExpressionAttribute { Expression.IsText: false } ? items.Find(durationName)!
            : throw p.Error("duration", $"'{durationName}' must be a numeric item attribute (milliseconds)");
        (double, double) Range(string key, double lo, double hi)
        {
            MappingReader? m = p.Mapping(key);
            double min = m?.Number("min", lo, 0, 1) ?? lo;
            double max = m?.Number("max", hi, 0, 1) ?? hi;
            m?.Finish();
            return (min, max);
        }

        var skip = Range("skip", 0.4, 0.1);
        var complete = Range("complete", 0.2, 0.7);
        if (skip.Item1 + complete.Item1 > 1 || skip.Item2 + complete.Item2 > 1)
        {
            throw p.Error("complete", "skip + complete probabilities must not exceed 1 at either end");
        }

        (int, string)? factor = null;
        if (p.String("user_factor") is { } text)
        {
            int dot = text.IndexOf('.', StringComparison.Ordinal);
            factor = dot > 0 && users.Find(text[..dot]) is CategoryAttribute c && c.Categories.All(x => x.Properties.TryGetValue(text[(dot + 1)..], out object? v) && v is double)
                ? (c.Slot, text[(dot + 1)..])
                : throw p.Error("user_factor", $"expected <categorical user attribute>.<number property>, got '{text}'");
        }

        var play = new PlayDefinition(duration, p.String("column", "ms_played")!, skip.Item1, skip.Item2, complete.Item1, complete.Item2, factor,
            p.Number("skip_seconds", 30, 1), p.Number("complete_fraction", 0.8, 0.01, 1));
        p.Finish();
        return play;
    }

    private static ChoiceDefinition ReadChoice(MappingReader? c, EntityDefinition items)
    {
        if (c is null)
        {
            return new ChoiceDefinition(0.6, 0.3, 0.1, 0.5, 0.5, 64);
        }

        double preference = c.Number("preference", 0.6, 0, 1);
        double popularity = c.Number("popularity", 0.3, 0, 1);
        double exploration = c.Number("exploration", 0.1, 0, 1);
        if (Math.Abs(preference + popularity + exploration - 1) > 1e-6)
        {
            throw c.Error($"preference + popularity + exploration must be 1, got {preference + popularity + exploration:0.###}");
        }

        string sampler = c.String("sampler", "rejection")!;
        if (sampler is not ("rejection" or "exact"))
        {
            throw c.Error("sampler", $"expected rejection or exact, got '{sampler}'");
        }

        var choice = new ChoiceDefinition(preference, popularity, exploration, c.Number("coherence", 0.5, 0, 1),
            c.Number("preference_popularity_bias", 0.5, 0, 4), (int)c.Integer("max_tries", 64, 1, 10_000))
        {
            Exact = sampler == "exact",
            Idiosyncrasy = c.Number("idiosyncrasy", 0, 0, 5),
            ActivityBiasSlope = c.Number("activity_bias_slope", 0, -2, 2),
            Planted = c.Mapping("planted") is { } planted ? ReadPlanted(planted, items) : null,
        };
        if (choice.Planted is not null && !choice.Exact)
        {
            throw c.Error("planted", "needs `sampler: exact` (planted picks replace tabulated ones)");
        }

        if (choice.ActivityBiasSlope != 0 && !choice.Exact)
        {
            throw c.Error("activity_bias_slope", "needs `sampler: exact` (the bias is applied to the tabulated distribution)");
        }

        if (choice.Idiosyncrasy > 0 && !choice.Exact)
        {
            throw c.Error("idiosyncrasy", "needs `sampler: exact` (the per-item factors are applied to the tabulated distribution)");
        }

        c.Finish();
        return choice;
    }

    // planted: { column: fit_planted, per_users: 488, activity_exponent: 2.9 } — each item's planted users per that many users.
    private static PlantedPicksDefinition ReadPlanted(MappingReader r, EntityDefinition items)
    {
        string column = r.RequireString("column");
        long perUsers = r.Integer("per_users", 1, 1);
        double exponent = r.Number("activity_exponent", 1, 0, 10);
        CatalogueFile file = items.File ?? throw r.Error("column", "planted users come from a column only when the items are read from a file (`items.file`)");
        if (!file.Has(column))
        {
            throw r.Error("column", $"{file.Path} has no column '{column}' (it has {string.Join(", ", file.Header)})");
        }

        double[] perItem = file.Numbers(column, out int bad) ?? throw r.Error("column", $"{file.Path}:{CatalogueFile.LineOf(bad)}: '{file.Texts(column)[bad]}' in column '{column}' is not a number");
        int negative = Array.FindIndex(perItem, v => v < 0);
        if (negative >= 0)
        {
            throw r.Error("column", $"{file.Path}:{CatalogueFile.LineOf(negative)}: planted users {perItem[negative].ToString(System.Globalization.CultureInfo.InvariantCulture)} is negative");
        }

        r.Finish();
        return new PlantedPicksDefinition(perItem, perUsers, exponent);
    }

    private static List<FunnelStep> ReadFunnel(MappingReader r)
    {
        var funnel = new List<FunnelStep>();
        if (r.Mapping("funnel") is not { } f)
        {
            funnel.Add(new FunnelStep("view", 1, 1));
            return funnel;
        }

        foreach (var (name, node) in f.Entries())
        {
            if (funnel.Count == 0)
            {
                // The first step is the exposure itself: it always happens.
                funnel.Add(new FunnelStep(name, 1, 1));
                continue;
            }

            if (node is not YamlMappingNode m)
            {
                throw f.Error(name, "expected { min: p0, max: p1 }: probabilities at affinity 0 and 1");
            }

            var s = new MappingReader(m, f.Child(name), f.Source);
            double min = s.Number("min", 0, 0, 1);
            funnel.Add(new FunnelStep(name, min, s.Number("max", min, 0, 1)));
            s.Finish();
        }

        return funnel;
    }
}
