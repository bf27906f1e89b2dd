using RecForge.Randomness;
using RecForge.Sampling;
using RecForge.Scenarios;
using RecForge.World;

namespace RecForge.Generation.Events;

/// <summary>
/// Which users receive each planted item (<see cref="PlantedPicksDefinition"/>), decided once for the whole dataset
/// so that every shard and thread agrees. Item i gets PerItem[i] × users / PerUsers slots (the fraction rounded up with
/// that probability, by a hash of the item); each slot goes to one of up to <see cref="Candidates"/> users drawn by a hash,
/// chosen ∝ events^γ × affinity × own factor: the weight the user's exact table gives the item, times how strongly the
/// tail leans to active users (γ, <see cref="PlantedPicksDefinition.ActivityExponent"/>). Only candidates with room
/// take a slot (at most half of a user's events are planted).
/// </summary>
internal sealed class PlantedPicks
{
    /// <summary>Candidate users of an item's slot when it has one; an item with n slots has Candidates / n, at least <see cref="MinCandidates"/>.</summary>
    public const int Candidates = 256;

    /// <summary>The fewest candidates of a slot: an item of many slots spreads over many candidates anyway.</summary>
    public const int MinCandidates = 16;

    // Candidates come from a pool of at most this many users spread evenly over all users: the pool's taste
    // positions are computed once (pool × dimensions floats, 37 MB at 183 dimensions).
    private const int MaxPool = 50_000;

    // Items and candidate entries scored together (the block's scores: 2^20 doubles, 8 MB).
    private const int BlockItems = 256;
    private const int BlockEntries = 1 << 20;

    private static readonly ulong PlantedStream = StreamKey.Of("planted");

    // One plan per catalogue (a generation's threads share the catalogue), made by the first thread that asks.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ItemCatalog, Lazy<PlantedPicks>> Plans = [];

    private readonly Dictionary<long, int[]> _byUser;

    private PlantedPicks(Dictionary<long, int[]> byUser) => _byUser = byUser;

    /// <summary>The items planted with <paramref name="user"/>, ascending (empty for most users).</summary>
    public int[] Of(long user) => _byUser.TryGetValue(user, out int[]? items) ? items : [];

    /// <summary>The plan of <paramref name="world"/>'s planted picks over <paramref name="catalog"/>, made once per catalogue.</summary>
    public static PlantedPicks For(WorldModel world, ItemCatalog catalog)
        => Plans.GetValue(catalog, c => new Lazy<PlantedPicks>(() => Plan(world, c, new ActivityPlan(world)))).Value;

    /// <summary>Plans the planted picks of <paramref name="world"/>'s scenario over <paramref name="catalog"/>.</summary>
    public static PlantedPicks Plan(WorldModel world, ItemCatalog catalog, ActivityPlan activity)
    {
        ScenarioDefinition scenario = world.Scenario;
        PlantedPicksDefinition planted = scenario.Events.Choice.Planted!;
        long users = scenario.Users.Count;
        int pool = (int)Math.Min(users, MaxPool);

        var (positions, weights, rows) = Pool(world, activity, pool);
        long[] room = [.. rows.Select(r => r / 2)];
        double[]? own = scenario.Events.Choice.Idiosyncrasy > 0 ? LognormalTable.Of(scenario.Events.Choice.Idiosyncrasy) : null;
        double[] activityWeight = [.. rows.Select(r => Math.Pow(r, planted.ActivityExponent))];
        ulong plantedKey = StreamKey.Combine(world.Seed, PlantedStream);
        int items = (int)Math.Min(planted.PerItem.Count, catalog.Count);
        var slots = new int[items];
        var candidates = new int[items];
        for (int item = 0; item < items; item++)
        {
            double expected = planted.PerItem[item] * users / planted.PerUsers;
            slots[item] = (int)Math.Floor(expected) + (new Rng(ItemKey(plantedKey, item)).NextDouble() < expected - Math.Floor(expected) ? 1 : 0);
            candidates[item] = Math.Clamp(Candidates / Math.Max(1, slots[item]), MinCandidates, Candidates);
        }

        // Candidates and their weights are independent of one another (computed in parallel, a block of items at a
        // time); who has room, and the draw, go in item order.
        // Per pool user, the items planted with them so far, in item order.
        var chosen = new List<int>?[pool];
        var candidate = new int[BlockEntries];
        var score = new double[BlockEntries];
        var first = new int[BlockItems + 1];
        for (int start = 0; start < items;)
        {
            int end = start, count = 0;
            while (end < items && (end == start || count + (slots[end] * candidates[end]) <= BlockEntries) && end - start < BlockItems)
            {
                first[end - start] = count;
                count += slots[end] * candidates[end];
                end++;
            }

            first[end - start] = count;
            if (count > score.Length)
            {
                Array.Resize(ref score, count);
                Array.Resize(ref candidate, count);
            }

            int blockStart = start;
            Parallel.For(blockStart, end, item =>
            {
                ulong itemKey = ItemKey(plantedKey, item);
                ReadOnlySpan<float> position = catalog.Position(item);
                int n = candidates[item];
                for (int slot = 0; slot < slots[item]; slot++)
                {
                    int at = first[item - blockStart] + (slot * n);
                    for (int c = 0; c < n; c++)
                    {
                        int p = (int)(Rng.Mix(itemKey + ((ulong)(slot * n + c + 1) * 0x9E3779B97F4A7C15UL)) % (ulong)pool);
                        double affinity = 0;
                        for (int j = 0; j < positions[p].Length; j++)
                        {
                            affinity += weights[p][j] * world.Affinity(VectorMath.DotFixed(positions[p][j], position));
                        }

                        candidate[at + c] = p;
                        score[at + c] = activityWeight[p] * affinity * (own is null ? 1 : ExactPreference.OwnFactor(own, ExactPreference.OwnKey(world, PoolUser(p, pool, users)), item));
                    }
                }
            });

            for (int item = blockStart; item < end; item++)
            {
                ulong itemKey = ItemKey(plantedKey, item);
                int n = candidates[item];
                for (int slot = 0; slot < slots[item]; slot++)
                {
                    int at = first[item - blockStart] + (slot * n);
                    Span<double> w = score.AsSpan(at, n);
                    double total = 0;
                    for (int c = 0; c < n; c++)
                    {
                        int p = candidate[at + c];
                        if (room[p] <= 0 || (chosen[p] is { } taken && taken[^1] == item))
                        {
                            w[c] = 0;
                        }

                        total += w[c];
                    }

                    if (total <= 0)
                    {
                        continue;
                    }

                    int winner = candidate[at + Draw(w, new Rng(itemKey ^ ((ulong)slot * 0xD1B54A32D192ED03UL)).NextDouble() * total)];
                    room[winner]--;
                    (chosen[winner] ??= []).Add(item);
                }
            }

            start = end;
        }

        var byUser = new Dictionary<long, int[]>();
        for (int p = 0; p < pool; p++)
        {
            if (chosen[p] is { } list)
            {
                byUser[PoolUser(p, pool, users)] = [.. list];
            }
        }

        return new PlantedPicks(byUser);
    }

    // The pool's interests (or single positions), their mixture weights and events.
    private static (float[][][] Positions, double[][] Weights, long[] Rows) Pool(WorldModel world, ActivityPlan activity, int pool)
    {
        ScenarioDefinition scenario = world.Scenario;
        int dims = world.Dimensions;
        int maxInterests = Math.Max(1, scenario.World.MixByPicks ? scenario.World.ClustersPerUserMax : 1);
        var positions = new float[pool][][];
        var weights = new double[pool][];
        var rows = new long[pool];
        Parallel.For(0, pool, p =>
        {
            long user = PoolUser(p, pool, scenario.Users.Count);
            var interests = new float[maxInterests][];
            for (int j = 0; j < maxInterests; j++)
            {
                interests[j] = new float[dims];
            }

            var mix = new double[maxInterests];
            var clusters = new int[Math.Max(maxInterests, scenario.World.Clusters.Count)];
            int count;
            if (scenario.World.MixByPicks)
            {
                count = world.UserInterests(user, interests, mix, clusters);
            }
            else
            {
                world.UserTaste(user, interests[0], clusters);
                mix[0] = 1;
                count = 1;
            }

            positions[p] = interests[..count];
            weights[p] = mix[..count];
            rows[p] = activity.RowsOf(user);
        });


        return (positions, weights, rows);
    }

    // The index whose weight holds u ∈ [0, Σ w): a zero weight is never drawn, even where rounding runs u past the end.
    private static int Draw(ReadOnlySpan<double> w, double u)
    {
        int pick = 0;
        while (pick < w.Length - 1 && (u -= w[pick]) >= 0)
        {
            pick++;
        }

        while (w[pick] == 0)
        {
            pick--;
        }

        return pick;
    }

    private static ulong ItemKey(ulong plantedKey, int item) => StreamKey.Combine(plantedKey, (ulong)item);

    // The pool's p-th user: spread evenly over all users.
    private static long PoolUser(int p, int pool, long users) => pool == users ? p : (long)((double)p * users / pool);
}
