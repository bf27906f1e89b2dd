using System.Globalization;

namespace RecForge.Scenarios;

/// <summary>Reads <c>events.time</c>: the daily and weekly profile, months, holidays, fitted hour/weekday/year weights.</summary>
internal static partial class EventReader
{
    private static TimeProfileDefinition ReadTime(MappingReader? t)
    {
        if (t is null)
        {
            return new TimeProfileDefinition(1, [], 1, [.. Enumerable.Repeat(1.0, 12)], []);
        }

        var peaks = new List<(double, double, double)>();
        foreach (MappingReader p in t.MappingList("peaks", "{ hour: 20, weight: 1, width: 1 }"))
        {
            peaks.Add((p.RequireNumber("hour", 0, 24), p.Number("weight", 1, 0), p.Number("width", 1, 0.05)));
            p.Finish();
        }

        var months = Enumerable.Repeat(1.0, 12).ToList();
        if (t.Sequence("months") is { } m12)
        {
            if (m12.Children.Count != 12)
            {
                throw t.Error("months", $"expected 12 monthly factors, got {m12.Children.Count}");
            }

            for (int i = 0; i < 12; i++)
            {
                months[i] = t.Source.Number(m12.Children[i], $"{t.Child("months")}[{i}]", 0, double.PositiveInfinity, false);
            }
        }

        var holidays = new List<(int, int, double)>();
        foreach (MappingReader h in t.MappingList("holidays", "{ date: 12-25, multiplier: 2 }"))
        {
            string date = h.RequireString("date");
            if (!DateOnly.TryParseExact("2000-" + date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly d))
            {
                throw h.Error("date", $"expected MM-dd, got '{date}'");
            }

            holidays.Add((d.Month, d.Day, h.Number("multiplier", 2, 0)));
            h.Finish();
        }

        double[]? hours = Weights(t, "hours", 24);
        double[]? weekdays = Weights(t, "weekdays", 7);
        if (hours is not null && (t.Has("base") || peaks.Count > 0))
        {
            throw t.Error("hours", "give either 24 hourly weights or base and peaks");
        }

        if (weekdays is not null && t.Has("weekend"))
        {
            throw t.Error("weekdays", "give either 7 weekday weights or a weekend factor");
        }

        var years = new List<(int, double)>();
        if (t.Mapping("years") is { } y)
        {
            foreach (var (text, _) in y.Entries())
            {
                years.Add(int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int year) && year is >= 1 and <= 9999
                    ? (year, y.RequireNumber(text, 0)) : throw y.Error(text, $"expected a year as the key, got '{text}'"));
            }

            y.Finish();
        }

        var profile = new TimeProfileDefinition(t.Number("base", 0.1, 0), peaks, t.Number("weekend", 1, 0), months, holidays)
        {
            Hours = hours,
            Weekdays = weekdays,
            Years = years,
        };
        t.Finish();
        if (hours is not null ? hours.Sum() <= 0 : profile.Base <= 0 && peaks.All(p => p.Item2 <= 0))
        {
            throw t.Error("base", "the profile is zero at every hour: give a positive base or a peak");
        }

        return profile;
    }

    private static double[]? Weights(MappingReader t, string key, int count)
    {
        if (t.Sequence(key) is not { } list)
        {
            return null;
        }

        if (list.Children.Count != count)
        {
            throw t.Error(key, $"expected {count} weights, got {list.Children.Count}");
        }

        var weights = new double[count];
        for (int i = 0; i < count; i++)
        {
            weights[i] = t.Source.Number(list.Children[i], $"{t.Child(key)}[{i}]", 0, double.PositiveInfinity, false);
        }

        return weights.Sum() > 0 ? weights : throw t.Error(key, "the weights must not all be zero");
    }
}
