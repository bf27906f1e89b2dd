using RecForge.Randomness;
using RecForge.Sampling;
using RecForge.Scenarios;

namespace RecForge.World;

/// <summary>
/// The intensity of activity over local time: a day is drawn with weight weekday/weekend factor × month factor ×
/// holiday multiplier, an hour with weight base + Σ Gaussian bumps around the peak hours, then a second uniformly.
/// </summary>
/// <remarks>
/// Drawing the session starts of a user i.i.d. from the normalised intensity and sorting them is exactly a
/// time-varying Poisson process conditioned on its number of points, which is what DESIGN.md asks for.
/// </remarks>
internal sealed class TimeProfile
{
    private readonly DateTime _start;
    private readonly AliasTable _days;
    private readonly AliasTable _hours;
    private readonly double[] _dayWeights;
    private readonly double _maxDayWeight;

    /// <summary>Builds the profile for a period.</summary>
    public TimeProfile(TimeProfileDefinition definition, DateOnly start, int days)
    {
        _start = start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var dayWeights = new double[days];
        for (int d = 0; d < days; d++)
        {
            DateOnly date = start.AddDays(d);
            double w = definition.Weekdays is { } weekdays ? weekdays[((int)date.DayOfWeek + 6) % 7]
                : date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? definition.WeekendFactor : 1.0;
            w *= definition.Months[date.Month - 1];
            foreach (var (year, multiplier) in definition.Years)
            {
                w *= date.Year == year ? multiplier : 1;
            }

            foreach (var (month, day, multiplier) in definition.Holidays)
            {
                if (date.Month == month && date.Day == day)
                {
                    w *= multiplier;
                }
            }

            dayWeights[d] = w;
        }

        _days = new AliasTable(dayWeights);
        _dayWeights = dayWeights;
        _maxDayWeight = dayWeights.Max();
        HourWeights = new double[24];
        for (int h = 0; definition.Hours is { } hours && h < 24; h++)
        {
            HourWeights[h] = hours[h];
        }

        for (int h = 0; definition.Hours is null && h < 24; h++)
        {
            double w = definition.Base;
            foreach (var (hour, weight, width) in definition.Peaks)
            {
                // Circular distance, so a peak at 23:00 also lifts 00:00.
                double distance = Math.Abs(h - hour);
                distance = Math.Min(distance, 24 - distance);
                w += weight * Math.Exp(-distance * distance / (2 * width * width));
            }

            HourWeights[h] = w;
        }

        _hours = new AliasTable(HourWeights);
    }

    /// <summary>Relative intensity of each local hour.</summary>
    public double[] HourWeights { get; }

    /// <summary>Days in the period.</summary>
    public int Days => _dayWeights.Length;

    /// <summary>The first local instant of the period.</summary>
    public DateTime Start => _start;

    /// <summary>The first local instant after the period (its start plus <see cref="Days"/> days).</summary>
    public DateTime End => _start.AddDays(_dayWeights.Length);

    /// <summary>Draws a local time (as a UTC-kind DateTime holding local wall-clock time) at whole seconds.</summary>
    public DateTime SampleLocal(ref Rng rng)
    {
        int day = SampleDay(ref rng);
        return AtDay(day, ref rng);
    }

    /// <summary>Draws a day (0-based in the period) with the weights <see cref="SampleLocal"/> uses.</summary>
    public int SampleDay(ref Rng rng) => _days.Sample(ref rng);

    /// <summary>
    /// Draws a local time on a day of [<paramref name="firstDay"/>, <paramref name="lastDay"/>] (clamped to the
    /// period), days weighted as in <see cref="SampleLocal"/>: a uniform day accepted with probability weight / max.
    /// </summary>
    public DateTime SampleLocalWithin(int firstDay, int lastDay, ref Rng rng)
    {
        firstDay = Math.Clamp(firstDay, 0, _dayWeights.Length - 1);
        lastDay = Math.Clamp(lastDay, firstDay, _dayWeights.Length - 1);
        int day = firstDay;
        for (int attempt = 0; attempt < 64; attempt++)
        {
            day = firstDay + rng.NextInt32(lastDay - firstDay + 1);
            if (rng.NextDouble() * _maxDayWeight < _dayWeights[day])
            {
                break;
            }
        }

        return AtDay(day, ref rng);
    }

    private DateTime AtDay(int day, ref Rng rng)
    {
        int hour = _hours.Sample(ref rng);
        long second = rng.NextInt64(3600);
        return _start.AddTicks((day * 86_400L + hour * 3600L + second) * TimeSpan.TicksPerSecond);
    }
}
