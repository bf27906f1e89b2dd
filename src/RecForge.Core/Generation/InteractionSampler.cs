using RecForge.Ids;
using RecForge.Output;
using RecForge.Randomness;
using RecForge.Sampling;
using RecForge.Scenarios;
using RecForge.World;

namespace RecForge.Generation;

/// <summary>
/// Generates one user's interactions: sessions from the time profile, items from the preference / popularity /
/// exploration mix with sequential coherence, funnel follow-ups and watch time that rise with true affinity.
/// One instance per thread.
/// </summary>
/// <remarks>
/// Preference picks are exact rejection sampling: propose an item with probability ∝ popularity^bias (O(1) Zipf
/// rejection-inversion), accept with probability affinity(target, item). The accepted item then has probability
/// ∝ affinity × popularity^bias without ever scanning the catalogue.
/// </remarks>
internal sealed class InteractionSampler
{
    private static readonly ulong SessionStream = StreamKey.Of("sessions");
    private static readonly ulong RatingStream = StreamKey.Of("rating-model");
    private static readonly ulong SpanStream = StreamKey.Of("user-span");
    private static readonly ulong IdiosyncrasyStream = StreamKey.Of("idiosyncrasy");
    private static readonly string[] SourceNames = ["preference", "popularity", "exploration"];

    private readonly WorldModel _world;
    private readonly ItemCatalog _catalog;
    private readonly EventDefinition _events;
    private readonly EntityRowSampler? _users;
    private readonly float[] _user;
    private readonly float[] _target;
    private readonly int[] _clusters;
    private readonly double _rowsPerSession;
    private readonly string[] _typeNames;
    private readonly AliasTable[]? _ratings;
    private readonly int _userColumn, _itemColumn, _typeColumn, _ratingColumn, _watchColumn, _sourceColumn, _timeColumn;
    private readonly int[] _copiedColumns;
    private readonly (double[]? Numbers, string[]? Texts, IdValue[]? Creators)[] _copied;
    private readonly double[] _durations = [];
    private readonly double[] _itemBias = [];
    private readonly HashSet<long> _seen = [];
    private readonly FenwickSampler[] _exact = [];
    private readonly bool[] _exactReady = [];
    private readonly double[] _exactWeights = [];
    private readonly double[] _proposal = [];
    private double _proposalBias = double.NaN;
    private readonly float[][] _interests = [];
    private readonly double[] _interestWeights = [];
    private int _interestCount;
    private long _currentUser;
    private double _popularityBias;
    private double _userBias, _userNoise;
    private readonly int _sessionColumn, _playColumn;
    private DateTime[] _starts = new DateTime[16];
    private long _session;
    private double _skipFactor = 1;
    private long _idOfUser = -1;
    private IdValue _userId;

    // The current user's time budget: rows not yet written, the time of the last exposure, the latest allowed one.
    private long _left;
    private DateTime _lastTime;
    private DateTime _limit;
    private readonly double _rowSeconds;

    // About 300 years: further back than any event period, and well inside DateTime's range.
    private const double MaxSecondsBack = 1e10;

    public InteractionSampler(WorldModel world, ItemCatalog catalog)
    {
        _world = world;
        _catalog = catalog;
        _events = world.Scenario.Events;
        _users = _events.UtcOffsetMinutes is null && !world.LatentUsers && _events.Play?.UserFactor is null
            ? null : new EntityRowSampler(world.Scenario.Users, world);
        _user = new float[world.Dimensions];
        _target = new float[world.Dimensions];
        _clusters = new int[world.Scenario.World.Clusters.Count];
        _typeNames = [.. _events.Funnel.Select(f => f.Name)];
        double followUps = 0;
        for (int i = 1; i < _events.Funnel.Count; i++)
        {
            followUps += (_events.Funnel[i].Min + _events.Funnel[i].Max) / 2;
        }

        _rowsPerSession = _events.MeanSessionEvents * (1 + followUps);
        _ratings = _events.Rating is { } rating ? [.. rating.BySource.Select(p => new AliasTable(p))] : null;
        Schema = BuildSchema(world.Scenario);
        EventColumns c = _events.Columns;
        _userColumn = 0;
        _itemColumn = 1;
        _typeColumn = c.Type is null ? -1 : Schema.IndexOf(c.Type);
        _ratingColumn = c.Rating is null ? -1 : Schema.IndexOf(c.Rating);
        _watchColumn = _events.WatchTime is null ? -1 : Schema.IndexOf(c.WatchTime);
        _sourceColumn = c.Source is null ? -1 : Schema.IndexOf(c.Source);
        _copiedColumns = [.. _events.ItemColumns.Select(x => Schema.IndexOf(x.Column))];

        // Copied values are looked up once here, not per row; a creator's id is formatted once per creator.
        _copied = [.. _events.ItemColumns.Select(x => x.Attribute switch
        {
            WorldAttribute { Kind: WorldValueKind.Creator, Creator: { } link } => (catalog.Numbers(x.Attribute), (string[]?)null,
                (IdValue[]?)[.. Enumerable.Range(0, (int)world.Scenario.Creators!.Count).Select(i => IdValue.Of(link.IdFormat, world.Seed, WorldModel.CreatorsKind, i))]),
            CategoryAttribute => (null, catalog.Texts(x.Attribute), null),
            _ => ((double[]?)catalog.Numbers(x.Attribute), (string[]?)null, (IdValue[]?)null),
        })];
        if (_events.Play is { } p)
        {
            _durations = catalog.Numbers(p.Duration);
        }

        // What a row takes at most on average (its gap, and for plays the whole track): a session start is moved earlier
        // when the user's remaining rows would not fit before the end of the period at that pace.
        double meanDuration = 0;
        for (int i = 0; i < _durations.Length; i++)
        {
            meanDuration += _durations[i] / 1000 / _durations.Length;
        }

        _rowSeconds = (_events.GapSeconds is null ? 30 + (_events.MeanGapMinutes * 60) : 60) + meanDuration;

        if (_events.Rating?.Model?.ItemBias is { } bias)
        {
            _itemBias = catalog.Numbers(bias);
        }

        if (world.Scenario.World.MixByPicks)
        {
            int max = world.Scenario.World.ClustersPerUserMax;
            _interests = [.. Enumerable.Range(0, max).Select(_ => new float[world.Dimensions])];
            _interestWeights = new double[max];
        }

        if (_events.Choice.Exact)
        {
            // One table per interest (a single one without interests).
            _exact = [.. Enumerable.Range(0, Math.Max(1, _interests.Length)).Select(_ => new FenwickSampler())];
            _exactReady = new bool[_exact.Length];
            _exactWeights = new double[checked((int)catalog.Count)];

            _proposal = new double[_exactWeights.Length];
        }

        _sessionColumn = c.Session is null ? -1 : Schema.IndexOf(c.Session);
        _playColumn = _events.Play is { } play ? Schema.IndexOf(play.Column) : -1;
        _timeColumn = Schema.Columns.Count - 1;
    }

    public TableSchema Schema { get; }

    /// <summary>The interactions table's columns: user, item, the copied item columns, then type, rating, watch time, source, session and played time where the scenario has them, then timestamp.</summary>
    public static TableSchema BuildSchema(ScenarioDefinition scenario)
    {
        EventColumns c = scenario.Events.Columns;
        var columns = new List<ColumnSpec>
        {
            new(c.User, EntityLayout.IdKind(scenario.Users.IdFormat)),
            new(c.Item, EntityLayout.IdKind(scenario.Items.IdFormat)),
        };
        foreach (var (column, attribute) in scenario.Events.ItemColumns)
        {
            columns.Add(EntityLayout.Column(attribute) with { Name = column });
        }

        if (c.Type is not null)
        {
            columns.Add(new(c.Type, ColumnKind.String));
        }

        if (c.Rating is not null)
        {
            columns.Add(new(c.Rating, ColumnKind.Double));
        }

        if (scenario.Events.WatchTime is not null)
        {
            columns.Add(new(c.WatchTime, ColumnKind.Double));
        }

        if (c.Source is not null)
        {
            columns.Add(new(c.Source, ColumnKind.String));
        }

        if (c.Session is not null)
        {
            columns.Add(new(c.Session, ColumnKind.Int64));
        }

        if (scenario.Events.Play is { } play)
        {
            columns.Add(new(play.Column, ColumnKind.Int64));
        }

        columns.Add(new(c.Timestamp, ColumnKind.Timestamp));
        return new TableSchema(scenario.Events.Table, columns);
    }

    /// <summary>Writes <paramref name="rows"/> interactions of <paramref name="user"/>, flushing full batches to <paramref name="writer"/>.</summary>
    public void Generate(long user, long rows, ColumnBatch batch, ITableWriter writer)
    {
        Rng rng = _world.RngFor(WorldModel.EventsKind, user, SessionStream);
        if (_world.LatentUsers)
        {
            _users!.LatentPosition(user, _user);
        }
        else if (_interests.Length > 0)
        {
            // Interests: one position each; the user's own position (for coherence) is their weighted mean.
            _interestCount = _world.UserInterests(user, _interests, _interestWeights, _clusters);
            Array.Clear(_user);
            for (int j = 0; j < _interestCount; j++)
            {
                VectorMath.AddScaled(_user, _interests[j], _interestWeights[j]);
            }

            VectorMath.Normalize(_user);
        }
        else
        {
            _world.UserTaste(user, _user, _clusters);
        }

        long offsetTicks = _events.UtcOffsetMinutes is null
            ? 0
            : (long)Math.Round(_users!.Evaluate(user, _events.UtcOffsetMinutes).Number) * TimeSpan.TicksPerMinute;
        _skipFactor = _events.Play?.UserFactor is { } factor
            ? (double)((CategoryAttribute)_world.Scenario.Users.Attributes[factor.Slot]).Categories[_users!.CellOf(user, _world.Scenario.Users.Attributes[factor.Slot]).Category].Properties[factor.Property]
            : 1;
        _session = 0;
        _currentUser = user;
        _left = rows;
        _lastTime = _world.TimeProfile.Start;

        // Funnel follow-ups come up to (steps − 1) seconds after their exposure, so exposures end that much earlier.
        _limit = _world.TimeProfile.End.AddSeconds(-Math.Max(1, _events.Funnel.Count));
        ChoiceDefinition choice = _events.Choice;
        _popularityBias = choice.ActivityBiasSlope == 0 ? choice.PreferencePopularityBias
            : choice.PreferencePopularityBias * Math.Pow(rows / Math.Max(1.0, (double)_events.Count / _world.Scenario.Users.Count), choice.ActivityBiasSlope);
        _seen.Clear();
        Array.Clear(_exactReady);
        if (_events.Rating?.Model is { } model)
        {
            Rng ratingRng = _world.RngFor(WorldModel.UsersKind, user, RatingStream);
            _userBias = model.UserBias.Sample(ref ratingRng);
            _userNoise = Math.Max(0, model.Noise.Sample(ref ratingRng));
        }

        // Sessions: a Poisson number around rows / expected rows per session, start times i.i.d. from the profile.
        double expectedSessions = rows / _rowsPerSession;
        long sessions = expectedSessions > 1 ? 1 + new PoissonSampler(expectedSessions - 1).SampleCount(ref rng) : 1;
        sessions = Math.Clamp(sessions, 1, rows);
        if (_starts.Length < sessions)
        {
            _starts = new DateTime[Math.Max(sessions, _starts.Length * 2)];
        }

        Span<DateTime> starts = _starts.AsSpan(0, (int)sessions);
        if (_events.UserSpanDays is { } spanDays)
        {
            UserWindow(user, spanDays, starts, ref rng);
        }
        else
        {
            for (int s = 0; s < starts.Length; s++)
            {
                starts[s] = _world.TimeProfile.SampleLocal(ref rng);
            }
        }

        starts.Sort();

        // Session sizes: one row each, the rest split by exponential weights (a uniform split of the simplex).
        double weightTotal = 0;
        Span<double> weights = sessions <= 512 ? stackalloc double[(int)sessions] : new double[sessions];
        for (int s = 0; s < weights.Length; s++)
        {
            weights[s] = -Math.Log(rng.NextOpenDouble());
            weightTotal += weights[s];
        }

        long spare = rows - sessions;
        double cumulative = 0;
        long assigned = 0;
        DateTime clock = DateTime.MinValue;
        for (int s = 0; s < starts.Length; s++)
        {
            cumulative += weights[s];
            long upTo = s == starts.Length - 1 ? spare : (long)Math.Floor(spare * (cumulative / weightTotal));
            long size = 1 + upTo - assigned;
            assigned = upTo;

            // Sessions never overlap: a session that would start inside the previous one waits for it to end.
            DateTime t = starts[s] > clock ? starts[s] : clock.AddMinutes(1);
            _session++;
            clock = Session(user, size, t, offsetTicks, ref rng, batch, writer);
        }
    }

    // A user active for a span of days: the first session on a day drawn from the profile, the last span days later
    // (the window moved back when it would end after the period), the others on profile-weighted days in between.
    private void UserWindow(long user, Sampling.IScalarSampler spanDays, Span<DateTime> starts, ref Rng rng)
    {
        TimeProfile profile = _world.TimeProfile;
        Rng spanRng = _world.RngFor(WorldModel.UsersKind, user, SpanStream);
        int span = (int)Math.Clamp(Math.Round(spanDays.Sample(ref spanRng)), 0, profile.Days - 1);
        int first = Math.Min(profile.SampleDay(ref spanRng), profile.Days - 1 - span);
        for (int s = 0; s < starts.Length; s++)
        {
            starts[s] = s == 0 ? profile.SampleLocalWithin(first, first, ref rng)
                : s == 1 ? profile.SampleLocalWithin(first + span, first + span, ref rng)
                : profile.SampleLocalWithin(first, first + span, ref rng);
        }
    }

    private DateTime Session(long user, long size, DateTime t, long offsetTicks, ref Rng rng, ColumnBatch batch, ITableWriter writer)
    {
        long previous = -1;
        while (size > 0)
        {
            t = WithinWindow(t, previous < 0);
            long item = _events.DistinctItems ? ChooseUnseen(previous, ref rng, out ChoiceSource source) : Choose(previous, ref rng, out source);
            double affinity = Affinity(item);
            double watch = 0;
            if (_events.WatchTime is { } w)
            {
                watch = BetaSampler.Draw(ref rng, (w.MeanLow + (w.MeanHigh - w.MeanLow) * affinity) * w.Concentration,
                    (1 - (w.MeanLow + (w.MeanHigh - w.MeanLow) * affinity)) * w.Concentration);
            }

            // The rating draw comes after watch time, so scenarios without ratings keep their exact random sequence.
            double rating = _ratings is null ? 0
                : _events.Rating!.Model is { } model ? ModelRating(model, item, affinity, ref rng)
                : _events.Rating!.Values[_ratings[(int)source].Sample(ref rng)];
            long played = _events.Play is { } play ? Play(play, item, affinity, ref rng) : 0;
            var exposure = new Outcome(source, watch, rating, played);
            Emit(user, item, 0, exposure, t.AddTicks(-offsetTicks), batch, writer);
            size--;
            for (int step = 1; step < _events.Funnel.Count && size > 0; step++)
            {
                FunnelStep f = _events.Funnel[step];
                if (rng.NextDouble() < f.Min + (f.Max - f.Min) * affinity)
                {
                    // Reactions follow the exposure within seconds, keeping each user's rows in time order.
                    Emit(user, item, step, exposure, t.AddSeconds(step).AddTicks(-offsetTicks), batch, writer);
                    size--;
                }
            }

            // Gap: a drawn number of seconds, or 30 s + exponential minutes.
            double gapSeconds = _events.GapSeconds is { } gap ? Math.Max(0, gap.Sample(ref rng)) : 30 + Math.Round(-Math.Log(rng.NextOpenDouble()) * _events.MeanGapMinutes * 60);
            double pause = _events.GapSeconds is null && _events.Play is not null ? gapSeconds - 30 : gapSeconds;

            // A play occupies its own length: the next one starts after it (plus the gap).
            t = _events.Play is null ? t.AddSeconds(Math.Round(pause)) : t.AddMilliseconds(played).AddSeconds(Math.Round(pause));
            previous = item;
        }

        return t;
    }

    // Keeps every row inside the event period whatever the user's load. Session starts are drawn inside the period, but
    // sessions follow each other without overlap and run on from their start, so a heavy user (or a session late on the
    // last day) could pass its end. Two bounds, neither of which binds for a user whose rows fit comfortably:
    // - a session starts early enough for the user's remaining rows at the average pace (rowSeconds each), but not
    //   before the previous row: a late session moves earlier, an overloaded user's sessions follow back to back;
    // - no row comes later than one second per remaining row before the end, so nothing passes the limit whatever the
    //   gaps drawn (only this last resort can make plays overlap, in the final seconds of the period).
    private DateTime WithinWindow(DateTime t, bool sessionStart)
    {
        DateTime cap = _limit.AddSeconds(-Math.Min(_left - 1, MaxSecondsBack));
        if (sessionStart)
        {
            DateTime room = _limit.AddSeconds(-Math.Min(_rowSeconds * (_left - 1), MaxSecondsBack));
            room = room < _lastTime ? _lastTime : room;
            cap = room < cap ? room : cap;
        }

        if (t > cap)
        {
            // Whole seconds, as drawn times are, but never before the previous row.
            t = new DateTime(cap.Ticks - (cap.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
            t = t < _lastTime ? _lastTime : t;
        }

        _lastTime = t;
        return t;
    }

    // Skip (under skip_seconds), full play (≥ complete_fraction of the duration) or partial play in between; the skip
    // and full-play chances move with affinity, the skip chance scaled by the user's factor. ms_played ≤ duration always.
    private long Play(PlayDefinition play, long item, double affinity, ref Rng rng)
    {
        long duration = (long)_durations[item];
        double skip = Math.Clamp((play.SkipLow + (play.SkipHigh - play.SkipLow) * affinity) * _skipFactor, 0, 1);
        double complete = Math.Min(1 - skip, play.CompleteLow + (play.CompleteHigh - play.CompleteLow) * affinity);
        double u = rng.NextDouble();
        double skipMs = Math.Min(play.SkipSeconds * 1000, duration);
        double fullMs = play.CompleteFraction * duration;
        double ms = u < skip ? 1000 + rng.NextDouble() * (skipMs - 1000)
            : u < skip + complete ? fullMs + rng.NextDouble() * (duration - fullMs)
            : skipMs + rng.NextDouble() * Math.Max(0, fullMs - skipMs);
        return Math.Clamp((long)ms, 0, duration);
    }

    // z = b_u + b_i + w · affinity + s_u · ε; the rating is the value whose threshold interval holds z.
    private double ModelRating(RatingModel model, long item, double affinity, ref Rng rng)
    {
        double z = _userBias + (_itemBias.Length > 0 ? _itemBias[item] : 0) + model.AffinityWeight * affinity + _userNoise * rng.NextGaussian();
        int index = Array.BinarySearch(model.Thresholds, z);
        index = index >= 0 ? index + 1 : ~index;
        return _events.Rating!.Values[index];
    }

    // A pick the user has not met yet: redrawn from the same source while taken, so the preference / popularity /
    // exploration shares stay those of the scenario (exact picks never repeat, their weight being zeroed); after many
    // tries, the next unseen item from a random place in the catalogue, as exploration. Once every item is taken,
    // repeats are allowed.
    private long ChooseUnseen(long previous, ref Rng rng, out ChoiceSource source)
    {
        long items = _catalog.Count;
        long item = Choose(previous, ref rng, out source);
        for (int attempt = 0; _seen.Contains(item) && _seen.Count < items; attempt++)
        {
            if (attempt == 32)
            {
                // The source has nothing left for this user (a heavy shopper has rated their whole category): the
                // item is any unseen one, and its source says so, so ratings and ground truth stay honest.
                item = rng.NextInt64(items);
                while (_seen.Contains(item))
                {
                    item = (item + 1) % items;
                }

                source = ChoiceSource.Exploration;
                break;
            }

            item = Pick(source, previous, ref rng);
        }

        _seen.Add(item);
        for (int j = 0; j < _exact.Length; j++)
        {
            if (_exactReady[j])
            {
                _exact[j].Set((int)item, 0);
            }
        }

        return item;
    }

    // A user's affinity to an item: to their own position, or with interests the best of them.
    private double Affinity(long item)
    {
        ReadOnlySpan<float> position = _catalog.Position(item);
        if (_interests.Length == 0)
        {
            return _world.Affinity(_user, position);
        }

        double best = 0;
        for (int j = 0; j < _interestCount; j++)
        {
            best = Math.Max(best, _world.Affinity(_interests[j], position));
        }

        return best;
    }

    // The exact preference distribution of the current user (or of one interest): weight^bias × affinity × the user's
    // own factor, for every item not yet taken. The own factors are the user's, shared by their interests.
    private void TabulateExact(int table, ReadOnlySpan<float> taste)
    {
        double sigma = _events.Choice.Idiosyncrasy;
        double[] proposal = Proposal(_popularityBias);
        for (int i = 0; i < _exactWeights.Length; i++)
        {
            double popularity = proposal[i];
            double own = 1;
            if (sigma > 0)
            {
                Rng factor = _world.RngFor(WorldModel.UsersKind, _currentUser, StreamKey.Combine(IdiosyncrasyStream, (ulong)i));
                own = Math.Exp(sigma * factor.NextGaussian() - sigma * sigma / 2);
            }

            _exactWeights[i] = _seen.Contains(i) ? 0 : popularity * _world.Affinity(taste, _catalog.Position(i)) * own;
        }

        _exact[table].Fill(_exactWeights);
        _exactReady[table] = true;
    }

    // Every item's popularity^bias: listed weight^bias, or rank^(−exponent · bias) as the Zipf proposal draws it.
    // Recomputed only when the bias changes (never, unless it moves with activity).
    private double[] Proposal(double bias)
    {
        if (bias != _proposalBias)
        {
            for (int i = 0; i < _proposal.Length; i++)
            {
                _proposal[i] = bias == 0 ? 1 : _world.PopularityWeights is { } w ? Math.Pow(w[i], bias) : Math.Pow(_world.PopularityRank(i), -_world.Scenario.World.PopularityExponent * bias);
            }

            _proposalBias = bias;
        }

        return _proposal;
    }

    private long Choose(long previous, ref Rng rng, out ChoiceSource source)
    {
        ChoiceDefinition c = _events.Choice;
        double u = rng.NextDouble();
        source = u < c.Preference ? ChoiceSource.Preference : u < c.Preference + c.Popularity ? ChoiceSource.Popularity : ChoiceSource.Exploration;
        return Pick(source, previous, ref rng);
    }

    // One pick of the given kind: preference (affinity × popularity^bias), popularity (Zipf) or exploration (uniform).
    private long Pick(ChoiceSource source, long previous, ref Rng rng)
    {
        ChoiceDefinition c = _events.Choice;
        long items = _catalog.Count;
        if (source == ChoiceSource.Preference)
        {
            // With interests, each preference pick follows one of them, drawn by the mixture weights.
            int interest = 0;
            if (_interests.Length > 0)
            {
                double v = rng.NextDouble();
                while (interest < _interestCount - 1 && v >= _interestWeights[interest])
                {
                    v -= _interestWeights[interest];
                    interest++;
                }
            }

            float[] taste = _interests.Length > 0 ? _interests[interest] : _user;
            ReadOnlySpan<float> target = taste;
            bool coherent = previous >= 0 && rng.NextDouble() < c.Coherence;
            if (coherent)
            {
                // Sequential coherence: aim between the user's taste and the previous item.
                taste.CopyTo(_target, 0);
                World.VectorMath.AddScaled(_target, _catalog.Position(previous), 1.0);
                World.VectorMath.Normalize(_target);
                target = _target;
            }

            // Exact picks use the user's table; a coherent pick aims elsewhere and goes by rejection.
            if (_exact.Length > 0 && !coherent)
            {
                if (!_exactReady[interest])
                {
                    TabulateExact(interest, taste);
                }

                int drawn = _exact[interest].Sample(ref rng);
                if (drawn >= 0)
                {
                    return drawn;
                }
            }

            long candidate = 0;
            for (int attempt = 0; attempt < c.MaxTries; attempt++)
            {
                candidate = _world.PreferenceProposal is { } proposal
                    ? _world.ItemOfRank(proposal.SampleRank(ref rng))
                    : rng.NextInt64(items);
                if (rng.NextDouble() < _world.Affinity(target, _catalog.Position(candidate)))
                {
                    break;
                }
            }

            return candidate;
        }

        if (source == ChoiceSource.Popularity)
        {
            return _world.ItemOfRank(_world.PopularitySampler.SampleRank(ref rng));
        }

        return rng.NextInt64(items);
    }

    private void Emit(long user, long item, int type, in Outcome outcome, DateTime utc, ColumnBatch batch, ITableWriter writer)
    {
        int row = batch.Count;
        if (user != _idOfUser)
        {
            // A user's id is computed once for all their rows (a UUID costs two hash rounds, a pattern a string).
            _userId = IdValue.Of(_world.Scenario.Users.IdFormat, _world.Seed, WorldModel.UsersKind, user);
            _idOfUser = user;
        }

        _userId.WriteTo(batch.Columns[_userColumn], row);
        IdValue.Of(_world.Scenario.Items.IdFormat, _world.Seed, WorldModel.ItemsKind, item).WriteTo(batch.Columns[_itemColumn], row);
        for (int k = 0; k < _copiedColumns.Length; k++)
        {
            Array column = batch.Columns[_copiedColumns[k]];
            var (numbers, texts, creators) = _copied[k];
            if (creators is not null)
            {
                creators[(int)numbers![item]].WriteTo(column, row);
            }
            else if (texts is not null)
            {
                ((string[])column)[row] = texts[item];
            }
            else if (column is long[] longs)
            {
                longs[row] = (long)numbers![item];
            }
            else
            {
                ((double[])column)[row] = numbers![item];
            }
        }

        if (_sessionColumn >= 0)
        {
            ((long[])batch.Columns[_sessionColumn])[row] = _session;
        }

        if (_playColumn >= 0)
        {
            ((long[])batch.Columns[_playColumn])[row] = outcome.Played;
        }

        if (_typeColumn >= 0)
        {
            ((string[])batch.Columns[_typeColumn])[row] = _typeNames[type];
        }

        if (_ratingColumn >= 0)
        {
            ((double[])batch.Columns[_ratingColumn])[row] = outcome.Rating;
        }

        if (_watchColumn >= 0)
        {
            ((double[])batch.Columns[_watchColumn])[row] = outcome.Watch;
        }

        if (_sourceColumn >= 0)
        {
            ((string[])batch.Columns[_sourceColumn])[row] = SourceNames[(int)outcome.Source];
        }

        ((DateTime[])batch.Columns[_timeColumn])[row] = utc;
        _left--;
        batch.Count = row + 1;
        if (batch.Count == batch.Capacity)
        {
            writer.Write(batch);
            batch.Count = 0;
        }
    }
}

/// <summary>What one exposure produced, shared by its funnel follow-ups.</summary>
internal readonly record struct Outcome(ChoiceSource Source, double Watch, double Rating, long Played);
