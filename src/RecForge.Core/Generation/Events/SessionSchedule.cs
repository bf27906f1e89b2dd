using RecForge.Randomness;
using RecForge.Sampling;
using RecForge.Scenarios;
using RecForge.World;

namespace RecForge.Generation.Events;

/// <summary>
/// When a user's sessions start and how many rows each holds: a Poisson number of sessions around rows / expected rows
/// per session, start times i.i.d. from the time profile (or inside the user's span of days), sizes one row each plus
/// an exponential-weights split of the rest (a uniform split of the simplex). One instance per thread.
/// </summary>
internal sealed class SessionSchedule
{
    private static readonly ulong SpanStream = StreamKey.Of("user-span");

    private readonly WorldModel _world;
    private readonly IScalarSampler? _spanDays;
    private readonly double _rowsPerSession;
    private DateTime[] _starts = new DateTime[16];
    private long[] _sizes = new long[16];
    private double[] _weights = new double[16];

    public SessionSchedule(WorldModel world)
    {
        _world = world;
        EventDefinition events = world.Scenario.Events;
        _spanDays = events.UserSpanDays;
        double followUps = 0;
        for (int i = 1; i < events.Funnel.Count; i++)
        {
            followUps += (events.Funnel[i].Min + events.Funnel[i].Max) / 2;
        }

        _rowsPerSession = events.MeanSessionEvents * (1 + followUps);
    }

    /// <summary>Session starts of the last <see cref="Plan"/>, in time order.</summary>
    public ReadOnlySpan<DateTime> Starts => _starts.AsSpan(0, Count);

    /// <summary>Rows of each session of the last <see cref="Plan"/>.</summary>
    public ReadOnlySpan<long> Sizes => _sizes.AsSpan(0, Count);

    /// <summary>Sessions of the last plan.</summary>
    public int Count { get; private set; }

    /// <summary>Plans <paramref name="rows"/> rows of <paramref name="user"/> into sessions.</summary>
    public void Plan(long user, long rows, ref Rng rng)
    {
        double expectedSessions = rows / _rowsPerSession;
        long sessions = expectedSessions > 1 ? 1 + new PoissonSampler(expectedSessions - 1).SampleCount(ref rng) : 1;
        sessions = Math.Clamp(sessions, 1, rows);
        if (_starts.Length < sessions)
        {
            int size = (int)Math.Max(sessions, _starts.Length * 2L);
            _starts = new DateTime[size];
            _sizes = new long[size];
            _weights = new double[size];
        }

        Count = (int)sessions;
        Span<DateTime> starts = _starts.AsSpan(0, Count);
        if (_spanDays is not null)
        {
            UserWindow(user, _spanDays, starts, ref rng);
        }
        else
        {
            for (int s = 0; s < starts.Length; s++)
            {
                starts[s] = _world.TimeProfile.SampleLocal(ref rng);
            }
        }

        starts.Sort();
        Span<double> weights = _weights.AsSpan(0, Count);
        double weightTotal = 0;
        for (int s = 0; s < weights.Length; s++)
        {
            weights[s] = -Math.Log(rng.NextOpenDouble());
            weightTotal += weights[s];
        }

        long spare = rows - sessions;
        double cumulative = 0;
        long assigned = 0;
        for (int s = 0; s < weights.Length; s++)
        {
            cumulative += weights[s];
            long upTo = s == weights.Length - 1 ? spare : (long)Math.Floor(spare * (cumulative / weightTotal));
            _sizes[s] = 1 + upTo - assigned;
            assigned = upTo;
        }
    }

    // A user active for a span of days: the first session on a day drawn from the profile, the last span days later
    // (the window moved back when it would end after the period), the others on profile-weighted days in between.
    private void UserWindow(long user, IScalarSampler spanDays, Span<DateTime> starts, ref Rng rng)
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
}
