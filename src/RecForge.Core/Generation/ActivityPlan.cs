using RecForge.Randomness;
using RecForge.World;

namespace RecForge.Generation;

/// <summary>
/// How many interaction rows each user gets: one each, plus the rest split in proportion to a heavy-tailed activity
/// weight. Counts come from differences of rounded prefix sums, so they add up exactly to the requested total and any
/// user range can be generated without the others.
/// </summary>
public sealed class ActivityPlan
{
    private static readonly ulong ActivityStream = StreamKey.Of("activity");
    private readonly double[] _prefix;
    private readonly long _extra;

    /// <summary>Draws every user's activity (sequentially, so the sums are identical on every run).</summary>
    public ActivityPlan(WorldModel world)
    {
        long users = world.Scenario.Users.Count;
        long total = world.Scenario.Events.Count;
        _extra = total - users;
        _prefix = new double[users + 1];
        double sum = 0;
        EntityRowSampler? attribute = world.Scenario.Events.ActivityAttribute is null ? null : new EntityRowSampler(world.Scenario.Users, world);
        for (long u = 0; u < users; u++)
        {
            Rng rng = world.RngFor(WorldModel.UsersKind, u, ActivityStream);
            sum += Math.Max(0, attribute is null
                ? world.Scenario.Events.Activity.Sample(ref rng)
                : attribute.Evaluate(u, world.Scenario.Events.ActivityAttribute!).Number);
            _prefix[u + 1] = sum;
        }

        if (sum <= 0)
        {
            Array.Fill(_prefix, 0);
        }
    }

    /// <summary>Rows of user <paramref name="user"/>.</summary>
    public long RowsOf(long user) => 1 + Cumulative(user + 1) - Cumulative(user);

    /// <summary>Rows of users [0, <paramref name="user"/>).</summary>
    public long RowsBefore(long user) => user + Cumulative(user);

    private long Cumulative(long user)
    {
        double total = _prefix[^1];
        if (total <= 0)
        {
            // Every activity weight was zero: split evenly.
            return _extra * user / (_prefix.Length - 1);
        }

        return (long)Math.Floor(_extra * (_prefix[user] / total));
    }
}
