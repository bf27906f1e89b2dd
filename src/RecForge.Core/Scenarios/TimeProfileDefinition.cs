namespace RecForge.Scenarios;

/// <summary>Local-time intensity: base + Gaussian bumps at peak hours, × weekend factor, × month factor, × holiday multiplier.</summary>
public sealed record TimeProfileDefinition(double Base, IReadOnlyList<(double Hour, double Weight, double Width)> Peaks, double WeekendFactor, IReadOnlyList<double> Months, IReadOnlyList<(int Month, int Day, double Multiplier)> Holidays)
{
    /// <summary>Explicit weights of the 24 local hours (instead of base and peaks), or null.</summary>
    public IReadOnlyList<double>? Hours { get; init; }

    /// <summary>Explicit weights of the weekdays, Monday first (instead of the weekend factor), or null.</summary>
    public IReadOnlyList<double>? Weekdays { get; init; }

    /// <summary>Multipliers of whole years (years not listed: 1).</summary>
    public IReadOnlyList<(int Year, double Multiplier)> Years { get; init; } = [];
}
