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

    private readonly WorldModel _world;
    private readonly ItemCatalog _catalog;
    private readonly EventDefinition _events;
    private readonly EntityRowSampler? _users;
    private readonly float[] _user;
    private readonly float[] _target;
    private readonly int[] _clusters;
    private readonly double _rowsPerSession;
    private readonly AliasTable[]? _ratings;
    private readonly double[] _durations = [];
    private readonly double[] _itemBias = [];
    private readonly HashSet<long> _seen = [];
    private readonly float[][] _interests = [];
    private readonly double[] _interestWeights = [];
    private int _interestCount;
    private double _popularityBias;
    private double _userBias, _userNoise;
    private DateTime[] _starts = new DateTime[16];
    private long _session;
    private double _skipFactor = 1;

    private readonly EventRowEmitter _emitter;
    private readonly ExactPreference? _exact;
    private readonly SessionClock _clock;

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
        double followUps = 0;
        for (int i = 1; i < _events.Funnel.Count; i++)
        {
            followUps += (_events.Funnel[i].Min + _events.Funnel[i].Max) / 2;
        }

        _rowsPerSession = _events.MeanSessionEvents * (1 + followUps);
        _ratings = _events.Rating is { } rating ? [.. rating.BySource.Select(p => new AliasTable(p))] : null;
        _emitter = new EventRowEmitter(world, catalog);
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

        double rowSeconds = (_events.GapSeconds is null ? 30 + (_events.MeanGapMinutes * 60) : 60) + meanDuration;

        // Funnel follow-ups come up to (steps − 1) seconds after their exposure, so exposures end that much earlier.
        _clock = new SessionClock(world.TimeProfile.Start, world.TimeProfile.End.AddSeconds(-Math.Max(1, _events.Funnel.Count)), rowSeconds);

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
            _exact = new ExactPreference(world, catalog, Math.Max(1, _interests.Length));
        }

    }

    /// <summary>The interactions table's columns.</summary>
    public TableSchema Schema => _emitter.Schema;

    /// <summary>The interactions table's columns for <paramref name="scenario"/>.</summary>
    public static TableSchema BuildSchema(ScenarioDefinition scenario) => EventRowEmitter.BuildSchema(scenario);

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
        _clock.Begin(rows);
        ChoiceDefinition choice = _events.Choice;
        _popularityBias = choice.ActivityBiasSlope == 0 ? choice.PreferencePopularityBias
            : choice.PreferencePopularityBias * Math.Pow(rows / Math.Max(1.0, (double)_events.Count / _world.Scenario.Users.Count), choice.ActivityBiasSlope);
        _seen.Clear();
        _exact?.Begin(user, _popularityBias);
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
            t = _clock.WithinWindow(t, previous < 0);
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
        _exact?.Take(item);

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
            if (_exact is not null && !coherent && _exact.Sample(interest, taste, _seen, ref rng) is var drawn and >= 0)
            {
                return drawn;
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
        _emitter.Emit(user, item, type, outcome, _session, utc, batch, writer);
        _clock.Written();
    }
}

/// <summary>What one exposure produced, shared by its funnel follow-ups.</summary>
internal readonly record struct Outcome(ChoiceSource Source, double Watch, double Rating, long Played);
