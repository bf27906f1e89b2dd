using RecForge.Randomness;
using RecForge.Scenarios;
using RecForge.World;

namespace RecForge.Generation.Events;

/// <summary>
/// Listening: a skip (under <c>skip_seconds</c>), a full play (≥ <c>complete_fraction</c> of the duration) or a partial
/// play in between. The skip and full-play chances move with affinity, the skip chance scaled by the user's factor
/// (a property of one of their categories). ms_played ≤ duration always.
/// </summary>
internal sealed class PlayModel : IOutcomeModel
{
    private readonly WorldModel _world;
    private readonly PlayDefinition _play;
    private readonly EntityRowSampler? _users;
    private double _skipFactor = 1;

    // users: The users' row sampler, needed when a user factor scales skips.
    public PlayModel(WorldModel world, ItemCatalog catalog, PlayDefinition play, EntityRowSampler? users)
    {
        _world = world;
        _play = play;
        _users = users;
        Durations = catalog.Numbers(play.Duration);
    }

    /// <summary>Each item's duration in milliseconds.</summary>
    public double[] Durations { get; }

    public void Begin(long user)
    {
        if (_play.UserFactor is { } factor)
        {
            var attribute = (CategoryAttribute)_world.Scenario.Users.Attributes[factor.Slot];
            _skipFactor = (double)attribute.Categories[_users!.CellOf(user, attribute).Category].Properties[factor.Property];
        }
    }

    public void Draw(long item, double affinity, ref Outcome outcome, ref Rng rng)
    {
        PlayDefinition play = _play;
        long duration = (long)Durations[item];
        double skip = Math.Clamp((play.SkipLow + (play.SkipHigh - play.SkipLow) * affinity) * _skipFactor, 0, 1);
        double complete = Math.Min(1 - skip, play.CompleteLow + (play.CompleteHigh - play.CompleteLow) * affinity);
        double u = rng.NextDouble();
        double skipMs = Math.Min(play.SkipSeconds * 1000, duration);
        double fullMs = play.CompleteFraction * duration;
        double ms = u < skip ? 1000 + rng.NextDouble() * (skipMs - 1000)
            : u < skip + complete ? fullMs + rng.NextDouble() * (duration - fullMs)
            : skipMs + rng.NextDouble() * Math.Max(0, fullMs - skipMs);
        outcome.Played = Math.Clamp((long)ms, 0, duration);
    }
}
