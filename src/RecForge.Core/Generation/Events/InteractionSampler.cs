using RecForge.Output;
using RecForge.Randomness;
using RecForge.Scenarios;
using RecForge.Truth;
using RecForge.World;

namespace RecForge.Generation.Events;

/// <summary>
/// Generates one user's interactions by composing the event process's parts, chosen once per scenario: the
/// <see cref="SessionSchedule"/> (when and how long), an <see cref="ItemChoice"/> over one <see cref="IItemChooser"/>
/// per source (what), the <see cref="IOutcomeModel"/>s (watch time, rating, play), the <see cref="FunnelModel"/>, the
/// <see cref="GapModel"/>, the <see cref="SessionClock"/> (every row inside the period) and the
/// <see cref="EventRowEmitter"/> (columns). One instance per thread.
/// </summary>
/// <remarks>
/// The order of draws from a user's event stream is part of the output: session plan, then per exposure the choice,
/// the outcome models in order, the funnel steps and the gap.
/// </remarks>
internal sealed class InteractionSampler
{
    private static readonly ulong SessionStream = StreamKey.Of("sessions");

    private readonly WorldModel _world;
    private readonly EventDefinition _events;
    private readonly EntityRowSampler? _users;
    private readonly UserTaste _taste;
    private readonly ExactPreference? _exact;
    private readonly ItemChoice _choice;
    private readonly IOutcomeModel[] _outcomes;
    private readonly PlayModel? _play;
    private readonly SessionSchedule _schedule;
    private readonly FunnelModel _funnel;
    private readonly GapModel _gap;
    private readonly SessionClock _clock;
    private readonly EventRowEmitter _emitter;
    private readonly PreferenceChooser _preference;
    private long _session;

    public InteractionSampler(WorldModel world, ItemCatalog catalog)
    {
        _world = world;
        _events = world.Scenario.Events;
        _users = _events.UtcOffsetMinutes is null && !world.LatentUsers && _events.Play?.UserFactor is null
            ? null : new EntityRowSampler(world.Scenario.Users, world);
        _taste = new UserTaste(world, catalog, _users);
        _exact = _events.Choice.Exact ? new ExactPreference(world, catalog, _taste.Tables) : null;
        var seen = new HashSet<long>();
        _preference = new PreferenceChooser(world, catalog, _taste, _exact, seen);
        IItemChooser[] bySource = [_preference, new PopularityChooser(world), new ExplorationChooser(catalog.Count)];
        _choice = _events.DistinctItems ? new DistinctItemChoice(_events.Choice, bySource, catalog.Count, seen, _exact) : new ItemChoice(_events.Choice, bySource);

        // Outcome models in the order they draw: watch time, rating (after watch time, so scenarios without ratings
        // keep their exact random sequence), play.
        var outcomes = new List<IOutcomeModel>();
        if (_events.WatchTime is { } watch)
        {
            outcomes.Add(new WatchTimeModel(watch));
        }

        if (_events.Rating is { } rating)
        {
            outcomes.Add(rating.Model is { } model ? new OrdinalRatingModel(world, catalog, rating, model) : new SourceRatingModel(rating));
        }

        if (_events.Play is { } play)
        {
            _play = new PlayModel(world, catalog, play, _users);
            outcomes.Add(_play);
        }

        _outcomes = [.. outcomes];
        _schedule = new SessionSchedule(world);
        _funnel = new FunnelModel(_events.Funnel);
        _gap = new GapModel(_events);
        _clock = SessionClock.For(world, _play?.Durations ?? []);
        _emitter = new EventRowEmitter(world, catalog);
    }

    /// <summary>The interactions table's columns.</summary>
    public TableSchema Schema => _emitter.Schema;

    /// <summary>When set, each row's item, pick source and true affinity are recorded here, by batch row (ground truth).</summary>
    public PickTruth? Picks { get; set; }

    /// <summary>The interactions table's columns for <paramref name="scenario"/>.</summary>
    public static TableSchema BuildSchema(ScenarioDefinition scenario) => EventRowEmitter.BuildSchema(scenario);

    /// <summary>Writes <paramref name="rows"/> interactions of <paramref name="user"/>, flushing full batches to <paramref name="writer"/>.</summary>
    public void Generate(long user, long rows, ColumnBatch batch, ITableWriter writer)
    {
        Rng rng = _world.RngFor(WorldModel.EventsKind, user, SessionStream);
        _taste.Begin(user);
        long offsetTicks = _events.UtcOffsetMinutes is null
            ? 0
            : (long)Math.Round(_users!.Evaluate(user, _events.UtcOffsetMinutes).Number) * TimeSpan.TicksPerMinute;
        for (int m = 0; m < _outcomes.Length; m++)
        {
            _outcomes[m].Begin(user);
        }

        _session = 0;
        _clock.Begin(rows);
        _choice.Begin();
        _exact?.Begin(user, rows);
        _schedule.Plan(user, rows, ref rng);
        ReadOnlySpan<DateTime> starts = _schedule.Starts;
        ReadOnlySpan<long> sizes = _schedule.Sizes;
        DateTime clock = DateTime.MinValue;
        for (int s = 0; s < starts.Length; s++)
        {
            // Sessions never overlap: a session that would start inside the previous one waits for it to end.
            DateTime t = starts[s] > clock ? starts[s] : clock.AddMinutes(1);
            _session++;
            clock = Session(user, sizes[s], t, offsetTicks, ref rng, batch, writer);
        }
    }

    private DateTime Session(long user, long size, DateTime t, long offsetTicks, ref Rng rng, ColumnBatch batch, ITableWriter writer)
    {
        long previous = -1;
        while (size > 0)
        {
            t = _clock.WithinWindow(t, previous < 0);
            var outcome = default(Outcome);
            long item = _choice.Choose(previous, ref rng, out ChoiceSource source);
            outcome.Source = source;
            double affinity = _taste.Affinity(item);
            for (int m = 0; m < _outcomes.Length; m++)
            {
                _outcomes[m].Draw(item, affinity, ref outcome, ref rng);
            }

            Picks?.Record(batch.Count, item, source, _preference.LastCoherent, affinity);
            Emit(user, item, 0, outcome, t.AddTicks(-offsetTicks), batch, writer);
            size--;
            for (int step = 1; step < _funnel.Steps && size > 0; step++)
            {
                if (_funnel.Follows(step, affinity, ref rng))
                {
                    // Reactions follow the exposure within seconds, keeping each user's rows in time order.
                    Picks?.Record(batch.Count, item, source, _preference.LastCoherent, affinity);
                    Emit(user, item, step, outcome, t.AddSeconds(step).AddTicks(-offsetTicks), batch, writer);
                    size--;
                }
            }

            t = _gap.Next(t, outcome.Played, ref rng);
            previous = item;
        }

        return t;
    }

    private void Emit(long user, long item, int type, in Outcome outcome, DateTime utc, ColumnBatch batch, ITableWriter writer)
    {
        _emitter.Emit(user, item, type, outcome, _session, utc, batch, writer);
        _clock.Written();
    }
}
