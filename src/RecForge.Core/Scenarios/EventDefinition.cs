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

/// <summary>
/// How much of an item is consumed: a skip (under <paramref name="SkipSeconds"/>), a full play (at least
/// <paramref name="CompleteFraction"/> of the duration) or a partial play in between. The skip and full-play
/// probabilities move linearly with affinity from their low to their high values; the skip probability is
/// multiplied by the user's factor (casual listeners skip more).
/// </summary>
public sealed record PlayDefinition(AttributeDefinition Duration, string Column, double SkipLow, double SkipHigh, double CompleteLow, double CompleteHigh,
    (int Slot, string Property)? UserFactor, double SkipSeconds, double CompleteFraction);

/// <summary>How the next item is chosen: shares of preference (affinity × popularity^bias), popularity and uniform exploration; coherence pulls toward the previous item.</summary>
public sealed record ChoiceDefinition(double Preference, double Popularity, double Exploration, double Coherence, double PreferencePopularityBias, int MaxTries)
{
    /// <summary>
    /// Whether preference picks draw from the exact distribution over the whole catalogue, tabulated once per user
    /// (O(items × dimensions) per user) instead of by rejection: right for sharp affinities over catalogues of up to
    /// a few hundred thousand items, where rejection would rarely accept.
    /// </summary>
    public bool Exact { get; init; }

    /// <summary>
    /// σ of each user's own item-level taste: an exact pick's weight is multiplied by exp(σ z − σ²/2), z ~ N(0, 1)
    /// drawn once per (user, item), so users of the same taste still differ in the particular items they choose.
    /// </summary>
    public double Idiosyncrasy { get; init; }

    /// <summary>
    /// How the popularity bias of exact picks moves with activity: a user with n events uses
    /// bias × (n / n̄)^slope, n̄ being the mean events per user — light users lean less on popularity when slope &gt; 0.
    /// </summary>
    public double ActivityBiasSlope { get; init; }
}

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

/// <summary>An event type; follow-up probability rises linearly with affinity from <paramref name="Min"/> to <paramref name="Max"/>.</summary>
public sealed record FunnelStep(string Name, double Min, double Max);

/// <summary>Watch-time fraction ~ Beta with mean rising from MeanLow to MeanHigh with affinity.</summary>
public sealed record WatchTimeDefinition(double Concentration, double MeanLow, double MeanHigh);

/// <summary>
/// Names of the interaction columns. <paramref name="Type"/> is null when the scenario has no funnel (one kind of
/// event); <paramref name="Rating"/> is null without ratings; <paramref name="Source"/> names an optional ground-truth
/// column recording why each item was picked (preference, popularity or exploration).
/// </summary>
public sealed record EventColumns(string User, string Item, string? Type, string WatchTime, string Timestamp, string? Rating = null, string? Source = null, string? Session = null);

/// <summary>
/// Explicit ratings: a distribution over rating values for each choice source (preference, popularity, exploration),
/// so a scenario can say "preferred items are rated 4–5" and still hit an overall histogram (the mixture of the three
/// weighted by the choice shares).
/// </summary>
/// <param name="Values">Distinct rating values, ascending.</param>
/// <param name="BySource">Probability of each value (parallel to <paramref name="Values"/>) per source, in <see cref="ChoiceSource"/> order.</param>
public sealed record RatingDefinition(double[] Values, double[][] BySource)
{
    /// <summary>An ordinal model of who rates what how (user and item bias, affinity, per-user noise), or null to draw from the histograms.</summary>
    public RatingModel? Model { get; init; }

    /// <summary>The overall distribution implied by a choice mix: Σ share(source) × distribution(source).</summary>
    public double[] Mixture(ChoiceDefinition choice)
    {
        var result = new double[Values.Length];
        double[] shares = [choice.Preference, choice.Popularity, choice.Exploration];
        for (int s = 0; s < shares.Length; s++)
        {
            for (int v = 0; v < Values.Length; v++)
            {
                result[v] += shares[s] * BySource[s][v];
            }
        }

        return result;
    }
}

/// <summary>Why an item was picked; the values of the optional source column.</summary>
public enum ChoiceSource
{
    /// <summary>Drawn ∝ affinity × popularity^bias.</summary>
    Preference,

    /// <summary>Drawn by popularity alone.</summary>
    Popularity,

    /// <summary>Drawn uniformly from the catalogue.</summary>
    Exploration,
}

/// <summary>
/// An ordinal (ordered-probit style) rating model: each rating's latent score is
/// z = b_u + b_i + <paramref name="AffinityWeight"/> · affinity + s_u · ε, ε ~ N(0, 1), with a per-user bias b_u and
/// spread s_u drawn once per user and an item bias b_i from an item attribute; the rating is the value whose interval
/// between consecutive <paramref name="Thresholds"/> holds z. <c>recforge fit</c> places the thresholds at the
/// quantiles of z that give the log's histogram.
/// </summary>
public sealed record RatingModel(Sampling.IScalarSampler UserBias, AttributeDefinition? ItemBias, double AffinityWeight, Sampling.IScalarSampler Noise, double[] Thresholds);
