namespace RecForge.Scenarios;

/// <summary>The interaction process: who acts how often, when, on what, and what the event records.</summary>
/// <param name="Table">Output table name.</param>
/// <param name="Count">Total number of interaction rows.</param>
/// <param name="StartDate">First day (UTC) of the period.</param>
/// <param name="Days">Length of the period in days.</param>
/// <param name="Activity">Relative activity of a user (heavy-tailed).</param>
/// <param name="UtcOffsetMinutes">User attribute holding the user's UTC offset in minutes, or null for UTC.</param>
/// <param name="MeanSessionEvents">Mean number of exposures per session.</param>
/// <param name="MeanGapMinutes">Mean time between events of a session.</param>
/// <param name="Choice">Next-item choice mix.</param>
/// <param name="Time">Time-of-day, weekday, season and holiday profile in local time.</param>
/// <param name="Funnel">Event types; the first is the exposure, the others follow it with affinity-dependent probability.</param>
/// <param name="WatchTime">Watch-time fraction, or null for no watch-time column.</param>
/// <param name="Rating">Explicit ratings by choice source, or null for no rating column.</param>
/// <param name="Columns">Column names.</param>
public sealed record EventDefinition(
    string Table,
    long Count,
    DateOnly StartDate,
    int Days,
    Sampling.IScalarSampler Activity,
    AttributeDefinition? UtcOffsetMinutes,
    double MeanSessionEvents,
    double MeanGapMinutes,
    ChoiceDefinition Choice,
    TimeProfileDefinition Time,
    IReadOnlyList<FunnelStep> Funnel,
    WatchTimeDefinition? WatchTime,
    RatingDefinition? Rating,
    EventColumns Columns)
{
    /// <summary>Item attributes copied into every event, by event column name (a play's artist and track duration).</summary>
    public IReadOnlyList<(string Column, AttributeDefinition Attribute)> ItemColumns { get; init; } = [];

    /// <summary>Listening outcome (skip, partial or full play), or null.</summary>
    public PlayDefinition? Play { get; init; }

    /// <summary>A numeric user attribute giving each user's relative activity instead of <see cref="Activity"/>, or null.</summary>
    public AttributeDefinition? ActivityAttribute { get; init; }

    /// <summary>Seconds between consecutive events of a session, or null for 30 s + exponential(<see cref="MeanGapMinutes"/>).</summary>
    public Sampling.IScalarSampler? GapSeconds { get; init; }

    /// <summary>
    /// Days from a user's first to last session, or null for sessions spread over the whole period: each user's
    /// sessions then fall in a window of this length placed by the time profile.
    /// </summary>
    public Sampling.IScalarSampler? UserSpanDays { get; init; }

    /// <summary>Whether a user meets each item at most once (ratings): a pick already taken is drawn again.</summary>
    public bool DistinctItems { get; init; }
}
