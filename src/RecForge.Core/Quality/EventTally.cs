using RecForge.Output;

namespace RecForge.Quality;

/// <summary>
/// One streaming pass over the events: per-user and per-item counts, foreign keys, the user–item graph's components,
/// local hour × weekday counts, per-day counts, rating and watch-time histograms, types and per-user category spread.
/// Memory is bounded by the entity counts, not by the number of events.
/// </summary>
internal sealed class EventTally
{
    public const int WatchBins = 20;

    private readonly DatasetColumns _columns;
    private readonly KeyIndex _users;
    private readonly KeyIndex _items;
    private readonly bool _usersFixed;
    private readonly bool _itemsFixed;
    private readonly IReadOnlyList<int> _offsets;
    private readonly IReadOnlyList<int> _itemCategory;
    private readonly (DateTime From, DateTime To)? _window;
    private readonly List<int> _parent = [];
    private readonly List<ulong> _userCategories = [];
    private readonly DistinctPerUser _userItems = new();
    private readonly DistinctPerUser _sessions = new();

    public EventTally(DatasetColumns columns, UserTally? users, ItemTally? items, (DateTime From, DateTime To)? window)
    {
        _columns = columns;
        _users = users?.Keys ?? new KeyIndex();
        _items = items?.Keys ?? new KeyIndex();
        _usersFixed = users is not null;
        _itemsFixed = items is not null;
        _offsets = users?.OffsetMinutes ?? [];
        _itemCategory = items?.Category ?? [];
        _window = window;
        for (int u = 0; u < _users.Count; u++)
        {
            UserCounts.Add(0);
            _userCategories.Add(0);
        }

        for (int i = 0; i < _items.Count; i++)
        {
            ItemCounts.Add(0);
        }
    }

    public long Rows { get; private set; }

    public List<long> UserCounts { get; } = [];

    public List<long> ItemCounts { get; } = [];

    public ColumnFaults DanglingUsers { get; } = new();

    public ColumnFaults DanglingItems { get; } = new();

    public ColumnFaults NonFinite { get; } = new();

    public ColumnFaults TimeOutOfRange { get; } = new();

    public ColumnFaults WatchOutOfRange { get; } = new();

    public ColumnFaults RatingOutOfRange { get; } = new();

    /// <summary>Events by local weekday (Monday = 0) × hour.</summary>
    public long[] HourWeekday { get; } = new long[7 * 24];

    /// <summary>Events per local calendar day (day number since 0001-01-01).</summary>
    public Dictionary<int, long> Days { get; } = [];

    public long[] WatchHistogram { get; } = new long[WatchBins];

    public double WatchSum { get; private set; }

    public long WatchCount { get; private set; }

    /// <summary>Ratings by value (half-steps kept apart).</summary>
    public SortedDictionary<double, long> Ratings { get; } = [];

    public Dictionary<string, long> Types { get; } = new(StringComparer.Ordinal);

    /// <summary>Plays outside [0, duration].</summary>
    public ColumnFaults PlayedOutOfRange { get; } = new();

    /// <summary>Plays shorter than this are skips.</summary>
    public double SkipMilliseconds { get; init; } = 30_000;

    /// <summary>Plays of at least this fraction of the duration are completions.</summary>
    public double CompleteFraction { get; init; } = 0.8;

    public long Plays { get; private set; }

    public long Skips { get; private set; }

    public long Completions { get; private set; }

    /// <summary>Whether to count <see cref="UserItems"/>.</summary>
    public bool TrackUserItems { get; init; }

    /// <summary>Distinct (user, item) pairs, when <see cref="TrackUserItems"/>.</summary>
    public long UserItems => _userItems.Count;

    /// <summary>Distinct (user, session) pairs.</summary>
    public long Sessions => _sessions.Count;

    public int UserCount => _users.Count;

    public int ItemCount => _items.Count;

    public void Add(ColumnBatch batch, string table)
    {
        TableSchema schema = batch.Schema;
        Array user = batch.Columns[ItemTally.Require(schema, _columns.EventUser, table)];
        Array item = batch.Columns[ItemTally.Require(schema, _columns.EventItem, table)];
        Array? time = _columns.Timestamp is { } t && schema.IndexOf(t) >= 0 ? batch.Columns[schema.IndexOf(t)] : null;
        double[]? watch = _columns.WatchTime is { } w && schema.IndexOf(w) >= 0 ? batch.Columns[schema.IndexOf(w)] as double[] : null;
        double[]? rating = _columns.Rating is { } rc && schema.IndexOf(rc) >= 0 ? batch.Columns[schema.IndexOf(rc)] as double[] : null;
        string[]? type = _columns.EventType is { } tc && schema.IndexOf(tc) >= 0 ? batch.Columns[schema.IndexOf(tc)] as string[] : null;
        long[]? played = _columns.Played is { } pc && schema.IndexOf(pc) >= 0 ? batch.Columns[schema.IndexOf(pc)] as long[] : null;
        long[]? duration = _columns.Duration is { } dc && schema.IndexOf(dc) >= 0 ? batch.Columns[schema.IndexOf(dc)] as long[] : null;
        long[]? session = _columns.Session is { } sc && schema.IndexOf(sc) >= 0 ? batch.Columns[schema.IndexOf(sc)] as long[] : null;
        ColumnFaults.ScanNonFinite(batch, table, Rows, NonFinite);
        for (int r = 0; r < batch.Count; r++)
        {
            long row = Rows + r;
            int u = Index(_users, _usersFixed, KeyIndex.KeyOf(user, r), UserCounts, isUser: true);
            int i = Index(_items, _itemsFixed, KeyIndex.KeyOf(item, r), ItemCounts, isUser: false);
            if (u < 0)
            {
                DanglingUsers.Add($"{table}.{_columns.EventUser} row {row}: {user.GetValue(r)} is not in the users table");
            }

            if (i < 0)
            {
                DanglingItems.Add($"{table}.{_columns.EventItem} row {row}: {item.GetValue(r)} is not in the items table");
            }

            if (u >= 0 && i >= 0)
            {
                UserCounts[u]++;
                ItemCounts[i]++;
                Union(u, i);
                if (i < _itemCategory.Count && _itemCategory[i] is >= 0 and < 64 and var c)
                {
                    _userCategories[u] |= 1UL << c;
                }
            }

            if (time is not null)
            {
                DateTime utc = time switch
                {
                    DateTime[] d => d[r],
                    long[] s => DateTime.UnixEpoch.AddSeconds(s[r]),
                    _ => DateTime.UnixEpoch,
                };
                if (_window is { } window && (utc < window.From || utc >= window.To))
                {
                    TimeOutOfRange.Add($"{table}.{_columns.Timestamp} row {row}: {utc:O} is outside {window.From:yyyy-MM-dd}..{window.To:yyyy-MM-dd}");
                }

                DateTime local = utc.AddMinutes(u >= 0 && u < _offsets.Count ? _offsets[u] : 0);
                int weekday = ((int)local.DayOfWeek + 6) % 7;
                HourWeekday[weekday * 24 + local.Hour]++;
                int day = local.Date.Subtract(DateTime.MinValue).Days;
                Days[day] = Days.GetValueOrDefault(day) + 1;
            }

            if (watch is not null)
            {
                double x = watch[r];
                if (!(x >= 0 && x <= 1))
                {
                    WatchOutOfRange.Add(ColumnFaults.Where(table, _columns.WatchTime!, row, x));
                }
                else
                {
                    WatchHistogram[Math.Min(WatchBins - 1, (int)(x * WatchBins))]++;
                    WatchSum += x;
                    WatchCount++;
                }
            }

            if (rating is not null)
            {
                if (!double.IsFinite(rating[r]))
                {
                    RatingOutOfRange.Add(ColumnFaults.Where(table, _columns.Rating!, row, rating[r]));
                }
                else
                {
                    Ratings[rating[r]] = Ratings.GetValueOrDefault(rating[r]) + 1;
                }
            }

            if (type is not null)
            {
                Types[type[r] ?? ""] = Types.GetValueOrDefault(type[r] ?? "") + 1;
            }

            if (played is not null)
            {
                long limit = duration?[r] ?? long.MaxValue;
                if (played[r] < 0 || played[r] > limit)
                {
                    PlayedOutOfRange.Add($"{table}.{_columns.Played} row {row}: {played[r]} ms is outside [0, {(duration is null ? "∞" : limit)}]");
                }

                Plays++;
                Skips += played[r] < SkipMilliseconds ? 1 : 0;
                Completions += duration is not null && played[r] >= CompleteFraction * duration[r] ? 1 : 0;
            }

            if (TrackUserItems && u >= 0 && i >= 0)
            {
                _userItems.Add(u, i);
            }

            if (session is not null && u >= 0)
            {
                _sessions.Add(u, session[r]);
            }
        }

        Rows += batch.Count;
    }

    /// <summary>Share of all users and items (those of the tables, or those seen in events) in the largest component.</summary>
    public double LargestComponentShare()
    {
        var sizes = new Dictionary<int, int>();
        int total = _users.Count + _items.Count;
        for (int v = 0; v < total; v++)
        {
            int vertex = v < _users.Count ? UserVertex(v) : ItemVertex(v - _users.Count);
            Grow(vertex);
            int root = Find(vertex);
            sizes[root] = sizes.GetValueOrDefault(root) + 1;
        }

        return total == 0 ? 0 : (double)sizes.Values.DefaultIfEmpty(0).Max() / total;
    }

    /// <summary>Distinct item categories per user with events.</summary>
    public double MeanCategoriesPerUser()
    {
        double sum = 0;
        int users = 0;
        for (int u = 0; u < _userCategories.Count; u++)
        {
            if (UserCounts[u] > 0)
            {
                sum += ulong.PopCount(_userCategories[u]);
                users++;
            }
        }

        return users == 0 ? 0 : sum / users;
    }

    private int Index(KeyIndex index, bool fixedSet, UInt128 key, List<long> counts, bool isUser)
    {
        if (fixedSet)
        {
            return index.Find(key);
        }

        int i = index.FindOrAdd(key);
        if (i == counts.Count)
        {
            counts.Add(0);
            if (isUser)
            {
                _userCategories.Add(0);
            }
        }

        return i;
    }

    // Union–find vertices: with both tables, users 0..U−1 then items U..U+I−1; otherwise indexes grow as ids appear,
    // so users take the even and items the odd numbers.
    private int UserVertex(int u) => _usersFixed && _itemsFixed ? u : 2 * u;

    private int ItemVertex(int i) => _usersFixed && _itemsFixed ? _users.Count + i : (2 * i) + 1;

    private void Union(int u, int i)
    {
        int a = UserVertex(u), b = ItemVertex(i);
        Grow(Math.Max(a, b));
        int ra = Find(a), rb = Find(b);
        if (ra != rb)
        {
            _parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
    }

    private void Grow(int vertex)
    {
        while (_parent.Count <= vertex)
        {
            _parent.Add(_parent.Count);
        }
    }

    private int Find(int v)
    {
        while (_parent[v] != v)
        {
            _parent[v] = _parent[_parent[v]];
            v = _parent[v];
        }

        return v;
    }
}
