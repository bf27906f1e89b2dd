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
    private readonly DatasetColumns _columns;
    private readonly KeyIndex _users = new();
    private readonly KeyIndex _items = new();
    private readonly KeyIndex _creators = new();
    private readonly List<long> _perUser = [];
    private readonly DistinctPerUser _userItems = new();
    private readonly DistinctPerUser _sessions = new();
    private readonly DistinctPerUser _userCreators = new();
    private readonly Dictionary<double, long> _ratings = [];
    private UInt128 _lastUserKey;
    private int _lastUser = -1;
    private long _plays, _skips, _completions;

    /// <summary>
    /// Starts an empty tally of events whose columns play the parts named in <paramref name="columns"/>; plays under
    /// <paramref name="skipMilliseconds"/> are skips, plays of at least <paramref name="completeFraction"/> of the duration completions.
    /// </summary>
    public InteractionStatistics(DatasetColumns columns, double skipMilliseconds = 30_000, double completeFraction = 0.8)
    {
        _columns = columns;
        SkipMilliseconds = skipMilliseconds;
        CompleteFraction = completeFraction;
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
    public long Interactions { get; private set; }

    /// <summary>Distinct users with at least one row.</summary>
    public long ActiveUsers => _users.Count;

    /// <summary>Distinct items with at least one row.</summary>
    public long ActiveItems => _items.Count;

    /// <summary>Counts of each rating value, ascending (empty without a rating column).</summary>
    public IReadOnlyDictionary<double, long> Ratings => new SortedDictionary<double, long>(_ratings);

    /// <summary>Mean rating, or NaN without ratings.</summary>
    public double AverageRating
    {
        get
        {
            long n = 0;
            double sum = 0;
            foreach (var (value, count) in Ratings)
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
            foreach (long c in _perUser)
            {
                min = Math.Min(min, c);
                max = Math.Max(max, c);
                sum += c;
            }

            return _perUser.Count == 0 ? (0, 0, 0) : (min, (double)sum / _perUser.Count, max);
        }
    }

    /// <summary>Plays shorter than this are skips.</summary>
    public double SkipMilliseconds { get; }

    /// <summary>Plays of at least this fraction of the duration are completions.</summary>
    public double CompleteFraction { get; }

    /// <summary>Whether the events record listening (a played-milliseconds column).</summary>
    public bool HasPlays => _plays > 0;

    /// <summary>Share of plays under <see cref="SkipMilliseconds"/>.</summary>
    public double SkipRate => _plays == 0 ? double.NaN : (double)_skips / _plays;

    /// <summary>Share of plays of at least <see cref="CompleteFraction"/> of the duration.</summary>
    public double CompletionRate => _plays == 0 ? double.NaN : (double)_completions / _plays;

    /// <summary>Mean events per (user, session), or NaN without a session column.</summary>
    public double EventsPerSession => _sessions.Count == 0 ? double.NaN : (double)Interactions / _sessions.Count;

    /// <summary>Mean distinct items per active user.</summary>
    public double ItemsPerUser => ActiveUsers == 0 ? 0 : (double)_userItems.Count / ActiveUsers;

    /// <summary>Mean distinct creators per active user, or NaN without a creator column.</summary>
    public double CreatorsPerUser => _userCreators.Count == 0 ? double.NaN : (double)_userCreators.Count / ActiveUsers;

    /// <summary>Adds a batch of rows.</summary>
    /// <remarks>
    /// Counts only what the block reports (the validator's tally also builds the user–item graph, the hour and day
    /// profiles and the fault lists: at 10M rows that took longer than generating them). Rows of one user usually
    /// follow each other, so a user's index is looked up once per run of rows and distinct pairs are counted per user.
    /// </remarks>
    public void Add(ColumnBatch batch)
    {
        TableSchema schema = batch.Schema;
        string table = schema.Name;
        Array user = batch.Columns[ItemTally.Require(schema, _columns.EventUser, table)];
        Array item = batch.Columns[ItemTally.Require(schema, _columns.EventItem, table)];
        double[]? rating = Column<double[]>(batch, _columns.Rating);
        long[]? played = Column<long[]>(batch, _columns.Played);
        long[]? duration = Column<long[]>(batch, _columns.Duration);
        long[]? session = Column<long[]>(batch, _columns.Session);
        Array? creator = _columns.Creator is { } c && schema.IndexOf(c) >= 0 ? batch.Columns[schema.IndexOf(c)] : null;
        for (int r = 0; r < batch.Count; r++)
        {
            UInt128 userKey = KeyIndex.KeyOf(user, r);
            if (_lastUser < 0 || userKey != _lastUserKey)
            {
                _lastUser = _users.FindOrAdd(userKey);
                _lastUserKey = userKey;
                if (_lastUser == _perUser.Count)
                {
                    _perUser.Add(0);
                }
            }

            int u = _lastUser;
            _perUser[u]++;
            _userItems.Add(u, _items.FindOrAdd(KeyIndex.KeyOf(item, r)));
            if (rating is not null && double.IsFinite(rating[r]))
            {
                _ratings[rating[r]] = _ratings.GetValueOrDefault(rating[r]) + 1;
            }

            if (played is not null)
            {
                _plays++;
                _skips += played[r] < SkipMilliseconds ? 1 : 0;
                _completions += duration is not null && played[r] >= CompleteFraction * duration[r] ? 1 : 0;
            }

            if (session is not null)
            {
                _sessions.Add(u, session[r]);
            }

            if (creator is not null)
            {
                _userCreators.Add(u, _creators.FindOrAdd(KeyIndex.KeyOf(creator, r)));
            }
        }

        Interactions += batch.Count;
    }

    private static T? Column<T>(ColumnBatch batch, string? name)
        where T : class
        => name is not null && batch.Schema.IndexOf(name) is >= 0 and var i ? batch.Columns[i] as T : null;

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
