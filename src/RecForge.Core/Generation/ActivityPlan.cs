using RecForge.Randomness;
using RecForge.World;

namespace RecForge.Generation;

/// <summary>
/// How many interaction rows each user gets: one each, plus the rest split in proportion to a heavy-tailed activity
/// weight. Counts come from differences of rounded prefix sums, so they add up exactly to the requested total and any
/// user range can be generated without the others.
/// </summary>
internal sealed class ActivityPlan
{
    private static readonly ulong ActivityStream = StreamKey.Of("activity");
    private readonly double[] _prefix;
    private readonly long _extra;
    private long[]? _capped;

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

        // One event per user–item pair: no user may have more rows than there are items. Only when a proportional
        // share would pass that cap are the shares capped (otherwise the plan, and so the output, is unchanged).
        if (world.Scenario.Events.DistinctItems && sum > 0)
        {
            Cap(world.Scenario.Items.Count - 1);
        }
    }

    // Water-filling: extra rows min(cap, λ·w) with λ chosen so they add up to the extra rows (bisection on λ), so heavy
    // users are held at the cap and everybody else grows in proportion. Each share is then at most the cap, and so is
    // each difference of the rounded prefix sums (the cap is a whole number).
    private void Cap(long cap)
    {
        int users = _prefix.Length - 1;
        var weights = new double[users];
        double largest = 0;
        for (int u = 0; u < users; u++)
        {
            weights[u] = _prefix[u + 1] - _prefix[u];
            largest = Math.Max(largest, weights[u]);
        }

        double scale = _extra / _prefix[^1];
        if (largest * scale <= cap)
        {
            return;
        }

        double low = scale, high = scale;
        while (Capped(weights, high, cap) < _extra && high < double.MaxValue / 4)
        {
            high *= 2;
        }

        for (int step = 0; step < 200 && high - low > low * 1e-15; step++)
        {
            double middle = (low + high) / 2;
            (Capped(weights, middle, cap) < _extra ? ref low : ref high) = middle;
        }

        // Users with zero weight take none; if the others cannot hold every row, fill everybody up to the cap evenly.
        // Whole rows: differences of the floored prefix sums (each at most the whole-number cap), then the few rows
        // that rounding lost go to the last users below the cap.
        bool reachable = Capped(weights, high, cap) >= _extra;
        var counts = new long[users];
        double sum = 0;
        long floored = 0, missing = _extra;
        for (int u = 0; u < users; u++)
        {
            sum += reachable ? Math.Min(cap, weights[u] * high) : cap;
            // Rounding of the running sum could let a difference pass the cap by one; it is held back.
            long next = Math.Clamp((long)Math.Floor(sum), floored, Math.Min(_extra, floored + cap));
            counts[u] = next - floored;
            missing -= counts[u];
            floored = next;
        }

        for (int u = users - 1; u >= 0 && missing > 0; u--)
        {
            long add = Math.Min(missing, cap - counts[u]);
            counts[u] += add;
            missing -= add;
        }

        _capped = new long[users + 1];
        for (int u = 0; u < users; u++)
        {
            _capped[u + 1] = _capped[u] + counts[u];
        }
    }

    private static double Capped(double[] weights, double scale, long cap)
    {
        double sum = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            sum += Math.Min(cap, weights[i] * scale);
        }

        return sum;
    }

    /// <summary>Rows of user <paramref name="user"/>.</summary>
    public long RowsOf(long user) => 1 + Cumulative(user + 1) - Cumulative(user);

    /// <summary>Rows of users [0, <paramref name="user"/>).</summary>
    public long RowsBefore(long user) => user + Cumulative(user);

    private long Cumulative(long user)
    {
        if (_capped is not null)
        {
            return _capped[user];
        }

        double total = _prefix[^1];
        if (total <= 0)
        {
            // Every activity weight was zero: split evenly.
            return _extra * user / (_prefix.Length - 1);
        }

        return (long)Math.Floor(_extra * (_prefix[user] / total));
    }
}
