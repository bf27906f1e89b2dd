using RecForge.Scenarios;

namespace RecForge.Quality;

/// <summary>The time checks: peak hours, hour and weekday shares, the weekend ratio.</summary>
public static partial class DatasetValidator
{
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
}
