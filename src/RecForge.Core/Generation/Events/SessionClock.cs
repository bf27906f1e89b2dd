using RecForge.Scenarios;
using RecForge.World;

namespace RecForge.Generation.Events;

/// <summary>
/// One user's time budget inside the event period: it bounds the time of each exposure so that every row, however
/// many the user has, falls before the end of the period (see <see cref="WithinWindow"/>).
/// </summary>
internal sealed class SessionClock
{
    // About 300 years: further back than any event period, and well inside DateTime's range.
    private const double MaxSecondsBack = 1e10;

    private readonly DateTime _start;
    private readonly DateTime _limit;
    private readonly double _rowSeconds;
    private long _left;
    private DateTime _lastTime;

    /// <param name="start">The first local instant of the period.</param>
    /// <param name="limit">The latest instant an exposure may have (the end, less the seconds its follow-ups take).</param>
    /// <param name="rowSeconds">What a row takes at most on average (its gap, and for plays the whole track).</param>
    public SessionClock(DateTime start, DateTime limit, double rowSeconds)
    {
        _start = start;
        _limit = limit;
        _rowSeconds = rowSeconds;
    }

    /// <summary>The clock of <paramref name="world"/>'s event process; <paramref name="durations"/> are the items' play lengths in ms, if any.</summary>
    public static SessionClock For(WorldModel world, double[] durations)
    {
        EventDefinition events = world.Scenario.Events;

        // What a row takes at most on average (its gap, and for plays the whole track): a session start is moved earlier
        // when the user's remaining rows would not fit before the end of the period at that pace.
        double meanDuration = 0;
        for (int i = 0; i < durations.Length; i++)
        {
            meanDuration += durations[i] / 1000 / durations.Length;
        }

        double rowSeconds = (events.GapSeconds is null ? 30 + (events.MeanGapMinutes * 60) : 60) + meanDuration;

        // Funnel follow-ups come up to (steps − 1) seconds after their exposure, so exposures end that much earlier.
        return new SessionClock(world.TimeProfile.Start, world.TimeProfile.End.AddSeconds(-Math.Max(1, events.Funnel.Count)), rowSeconds);
    }

    /// <summary>Starts a user with <paramref name="rows"/> rows to write.</summary>
    public void Begin(long rows)
    {
        _left = rows;
        _lastTime = _start;
    }

    /// <summary>One row was written.</summary>
    public void Written() => _left--;

    // Keeps every row inside the event period whatever the user's load. Session starts are drawn inside the period, but
    // sessions follow each other without overlap and run on from their start, so a heavy user (or a session late on the
    // last day) could pass its end. Two bounds, neither of which binds for a user whose rows fit comfortably:
    // - a session starts early enough for the user's remaining rows at the average pace (rowSeconds each), but not
    //   before the previous row: a late session moves earlier, an overloaded user's sessions follow back to back;
    // - no row comes later than one second per remaining row before the end, so nothing passes the limit whatever the
    //   gaps drawn (only this last resort can make plays overlap, in the final seconds of the period).
    public DateTime WithinWindow(DateTime t, bool sessionStart)
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
}
