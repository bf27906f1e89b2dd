using System.Globalization;
using System.Text.Json;
using RecForge.Output;

namespace RecForge.Quality;

/// <summary>
/// The statistics block of an interactions table, computed from its rows in one streaming pass: totals, active users
/// and items (with their share of the tables' sizes when known), interactions per user, and the rating distribution.
/// <c>recforge generate</c> prints it from the files it wrote; the JSON document format writes it after the rows.
/// </summary>
public sealed class InteractionStatistics
{
    private readonly EventTally _tally;
    private readonly DatasetColumns _columns;
    private readonly HashSet<(UInt128, UInt128)> _userCreators = [];

    /// <summary>
    /// Starts an empty tally of events whose columns play the parts named in <paramref name="columns"/>; plays under
    /// <paramref name="skipMilliseconds"/> are skips, plays of at least <paramref name="completeFraction"/> of the duration completions.
    /// </summary>
    public InteractionStatistics(DatasetColumns columns, double skipMilliseconds = 30_000, double completeFraction = 0.8)
    {
        _columns = columns;
        _tally = new EventTally(columns, null, null, null)
        {
            SkipMilliseconds = skipMilliseconds,
            CompleteFraction = completeFraction,
            TrackUserItems = true,
        };
    }

    /// <summary>An empty tally for the events of <paramref name="scenario"/>: its columns, its play thresholds and its table sizes.</summary>
    public static InteractionStatistics For(Scenarios.ScenarioDefinition scenario)
        => new(ScenarioColumns.For(scenario), (scenario.Events.Play?.SkipSeconds ?? 30) * 1000, scenario.Events.Play?.CompleteFraction ?? 0.8)
        {
            TotalUsers = scenario.Users.Count,
            TotalItems = scenario.Items.Count,
        };

    /// <summary>Users in the users table (for the active share), or null when unknown.</summary>
    public long? TotalUsers { get; init; }

    /// <summary>Items in the catalogue (for the active share), or null when unknown.</summary>
    public long? TotalItems { get; init; }

    /// <summary>Rows seen.</summary>
    public long Interactions => _tally.Rows;

    /// <summary>Distinct users with at least one row.</summary>
    public long ActiveUsers => _tally.UserCount;

    /// <summary>Distinct items with at least one row.</summary>
    public long ActiveItems => _tally.ItemCount;

    /// <summary>Counts of each rating value, ascending (empty without a rating column).</summary>
    public IReadOnlyDictionary<double, long> Ratings => _tally.Ratings;

    /// <summary>Mean rating, or NaN without ratings.</summary>
    public double AverageRating
    {
        get
        {
            long n = 0;
            double sum = 0;
            foreach (var (value, count) in _tally.Ratings)
            {
                n += count;
                sum += value * count;
            }

            return n == 0 ? double.NaN : sum / n;
        }
    }

    /// <summary>Fewest, mean and most interactions of an active user.</summary>
    public (long Min, double Mean, long Max) PerUser
    {
        get
        {
            long min = long.MaxValue, max = 0, sum = 0;
            foreach (long c in _tally.UserCounts)
            {
                min = Math.Min(min, c);
                max = Math.Max(max, c);
                sum += c;
            }

            return _tally.UserCounts.Count == 0 ? (0, 0, 0) : (min, (double)sum / _tally.UserCounts.Count, max);
        }
    }

    /// <summary>Plays shorter than this are skips.</summary>
    public double SkipMilliseconds => _tally.SkipMilliseconds;

    /// <summary>Plays of at least this fraction of the duration are completions.</summary>
    public double CompleteFraction => _tally.CompleteFraction;

    /// <summary>Whether the events record listening (a played-milliseconds column).</summary>
    public bool HasPlays => _tally.Plays > 0;

    /// <summary>Share of plays under <see cref="SkipMilliseconds"/>.</summary>
    public double SkipRate => _tally.Plays == 0 ? double.NaN : (double)_tally.Skips / _tally.Plays;

    /// <summary>Share of plays of at least <see cref="CompleteFraction"/> of the duration.</summary>
    public double CompletionRate => _tally.Plays == 0 ? double.NaN : (double)_tally.Completions / _tally.Plays;

    /// <summary>Mean events per (user, session), or NaN without a session column.</summary>
    public double EventsPerSession => _tally.Sessions.Count == 0 ? double.NaN : (double)Interactions / _tally.Sessions.Count;

    /// <summary>Mean distinct items per active user.</summary>
    public double ItemsPerUser => ActiveUsers == 0 ? 0 : (double)_tally.UserItems.Count / ActiveUsers;

    /// <summary>Mean distinct creators per active user, or NaN without a creator column.</summary>
    public double CreatorsPerUser => _userCreators.Count == 0 ? double.NaN : (double)_userCreators.Count / ActiveUsers;

    /// <summary>Adds a batch of rows.</summary>
    public void Add(ColumnBatch batch)
    {
        _tally.Add(batch, batch.Schema.Name);
        TableSchema schema = batch.Schema;
        if (_columns.Creator is not { } c || schema.IndexOf(c) < 0)
        {
            return;
        }

        // Creators per user are the one thing the shared event tally does not count.
        Array users = batch.Columns[schema.IndexOf(_columns.EventUser)], creators = batch.Columns[schema.IndexOf(c)];
        for (int r = 0; r < batch.Count; r++)
        {
            _userCreators.Add((KeyIndex.KeyOf(users, r), KeyIndex.KeyOf(creators, r)));
        }
    }

    /// <summary>Writes the block as a JSON object.</summary>
    public void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteNumber("total_interactions", Interactions);
        json.WriteNumber("unique_users", ActiveUsers);
        if (TotalUsers is { } users)
        {
            json.WriteNumber("active_user_share", Round(ActiveUsers / (double)users));
        }

        json.WriteNumber("unique_items", ActiveItems);
        if (TotalItems is { } items)
        {
            json.WriteNumber("active_item_share", Round(ActiveItems / (double)items));
        }

        var (min, mean, max) = PerUser;
        json.WriteStartObject("interactions_per_user");
        json.WriteNumber("avg", Round(mean));
        json.WriteNumber("min", min);
        json.WriteNumber("max", max);
        json.WriteEndObject();
        json.WriteNumber("unique_items_per_user", Round(ItemsPerUser));
        if (HasPlays)
        {
            json.WriteNumber("skip_rate", Round(SkipRate));
            json.WriteNumber("completion_rate", Round(CompletionRate));
        }

        if (!double.IsNaN(EventsPerSession))
        {
            json.WriteNumber("events_per_session", Round(EventsPerSession));
        }

        if (!double.IsNaN(CreatorsPerUser))
        {
            json.WriteNumber("unique_creators_per_user", Round(CreatorsPerUser));
        }

        if (Ratings.Count > 0)
        {
            json.WriteNumber("average_rating", Round(AverageRating));
            json.WriteStartObject("rating_distribution");
            foreach (var (value, count) in Ratings.OrderByDescending(p => p.Key))
            {
                json.WriteStartObject(value.ToString("0.0", CultureInfo.InvariantCulture));
                json.WriteNumber("count", count);
                json.WriteNumber("percentage", Round(100.0 * count / Interactions, 2));
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>Prints the block as aligned text lines.</summary>
    public void Print(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"  statistics ({_columns.EventUser}, {_columns.EventItem}{(Ratings.Count > 0 ? ", " + _columns.Rating : "")}), from the written files:"));
        output.WriteLine(string.Create(c, $"    interactions          {Interactions,12:N0}"));
        output.WriteLine(string.Create(c, $"    active users          {ActiveUsers,12:N0}{Share(ActiveUsers, TotalUsers)}"));
        output.WriteLine(string.Create(c, $"    active items          {ActiveItems,12:N0}{Share(ActiveItems, TotalItems)}"));
        var (min, mean, max) = PerUser;
        output.WriteLine(string.Create(c, $"    interactions per user  avg {mean:N1}, min {min:N0}, max {max:N0}"));
        output.WriteLine(string.Create(c, $"    unique {_columns.EventItem} per user  {ItemsPerUser:N1}"));
        if (!double.IsNaN(CreatorsPerUser))
        {
            output.WriteLine(string.Create(c, $"    unique {_columns.Creator} per user  {CreatorsPerUser:N1}"));
        }

        if (HasPlays)
        {
            output.WriteLine(string.Create(c, $"    skip rate             {100 * SkipRate,11:F1}%  (played < {SkipMilliseconds / 1000:0.#} s)"));
            output.WriteLine(string.Create(c, $"    completion rate       {100 * CompletionRate,11:F1}%  (played >= {100 * CompleteFraction:0}% of the track)"));
        }

        if (!double.IsNaN(EventsPerSession))
        {
            output.WriteLine(string.Create(c, $"    events per session    {EventsPerSession,12:F2}"));
        }

        if (Ratings.Count == 0)
        {
            return;
        }

        output.WriteLine(string.Create(c, $"    average rating        {AverageRating,12:F3}"));
        output.WriteLine("    rating distribution");
        foreach (var (value, count) in Ratings.OrderByDescending(p => p.Key))
        {
            double share = (double)count / Interactions;
            output.WriteLine(string.Create(c, $"      {value,4:0.0}  {count,10:N0}  {100 * share,5:F1}%  {new string('#', (int)Math.Round(share * 100))}"));
        }
    }

    private static string Share(long active, long? total)
        => total is { } t && t > 0 ? string.Create(CultureInfo.InvariantCulture, $"  of {t:N0} ({100.0 * active / t:F1}%)") : "";

    private static double Round(double value, int digits = 4) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
