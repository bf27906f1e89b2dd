using RecForge.Randomness;
using RecForge.Sampling;
using RecForge.Scenarios;

namespace RecForge.Generation.Events;

/// <summary>
/// The time from one exposure to the next in a session: a drawn number of seconds (<c>session.gap_seconds</c>), or
/// 30 s + exponential minutes; a play also occupies its own length (and then the 30 s are not added).
/// </summary>
internal sealed class GapModel
{
    private readonly IScalarSampler? _drawn;
    private readonly double _meanMinutes;
    private readonly double _playPauseOffset;

    public GapModel(EventDefinition events)
    {
        _drawn = events.GapSeconds;
        _meanMinutes = events.MeanGapMinutes;
        _playPauseOffset = events.GapSeconds is null && events.Play is not null ? 30 : 0;
    }

    /// <summary>The next exposure's time after one at <paramref name="t"/> that played <paramref name="playedMs"/>.</summary>
    public DateTime Next(DateTime t, long playedMs, ref Rng rng)
    {
        double gapSeconds = _drawn is not null ? Math.Max(0, _drawn.Sample(ref rng)) : 30 + Math.Round(-Math.Log(rng.NextOpenDouble()) * _meanMinutes * 60);
        double pause = gapSeconds - _playPauseOffset;
        return t.AddMilliseconds(playedMs).AddSeconds(Math.Round(pause));
    }
}
