using RecForge.Evaluation;
using RecForge.Generation;
using RecForge.Ids;
using RecForge.Scenarios;
using RecForge.World;

namespace RecForge.Truth;

/// <summary>
/// Scores recommendation lists against the truth behind a dataset (<c>recforge score</c>): the world model is rebuilt
/// from the scenario and seed, so every user's true affinity to every item and the oracle's choice probabilities are
/// known exactly. Beside the truth, the usual offline metrics on the latest <see cref="ScoreOptions.TestFraction"/>
/// of each user's logged items show how far offline evaluation is from it.
/// </summary>
/// <remarks>
/// Each user's events are cut by time as <c>recforge export --split time --valid 0 --test f</c> cuts them: the distinct
/// items of the earlier events are what models train on (and what lists should leave out), those of the later events
/// not met before are the held-out slice. Baselines train on the earlier parts
/// of all users. NDCG by affinity: Σ_r a(u, item_r) / log2(r + 1) over the ideal, the k highest affinities among the
/// items outside the user's training slice; NDCG by the oracle: the same with P(i | u) as the gain.
/// </remarks>
public static partial class TruthScoring
{
    private const string OracleName = "oracle";

    /// <summary>
    /// Scores <paramref name="lists"/> (each a name, where its lines come from — the prefix of an error's location, e.g.
    /// <c>recs.csv: line</c> — and its lines; none for baselines only) on the
    /// dataset of <paramref name="scenario"/> whose logged events are <paramref name="events"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">A list names a user or item the dataset does not have, or a user's list repeats a rank or an item (the message names file and line); equal scores are ties, kept in file order.</exception>
    public static ScoreReport Run(ScenarioDefinition scenario, IEnumerable<LogEvent> events, IReadOnlyList<(string Name, string Source, IEnumerable<Recommendation> Lines)> lists, ScoreOptions options)
    {
        var world = new WorldModel(scenario);
        int items = checked((int)scenario.Items.Count);
        int users = checked((int)scenario.Users.Count);
        Dictionary<string, int> itemOf = Index(scenario.Items.IdFormat, world.Seed, WorldModel.ItemsKind, items);
        Dictionary<string, int> userOf = Index(scenario.Users.IdFormat, world.Seed, WorldModel.UsersKind, users);
        (int[][] train, int[][] test) = Split(events, userOf, itemOf, options);
        int[] scored = Sample(users, options);
        int kMax = Math.Min(items, options.Ks.Max());

        var models = new List<(string Name, int[]?[] Lists, IRecommender? Model)>();
        foreach (var (name, source, lines) in lists)
        {
            models.Add((name, Read(scenario, source, lines, userOf, itemOf, users, kMax), null));
        }

        if (options.Baselines)
        {
            models.Add(("random", [], null));
            IRecommender[] baselines = [new MostPopularRecommender(), new ItemKnnRecommender(), new AlsRecommender(seed: options.Seed), new EaseRecommender()];
            for (int b = 0; b < baselines.Length; b++)
            {
                options.Progress?.Invoke("training " + baselines[b].Name, b, baselines.Length);
                baselines[b].Fit(train, items);
                models.Add((baselines[b].Name, [], baselines[b]));
            }

            models.Add((OracleName, [], null));
        }

        var catalog = new ItemCatalog(world, options.Threads, options.Cancellation);
        var activity = new ActivityPlan(world);
        int ks = options.Ks.Count;
        var totals = new Totals[models.Count, ks];
        var covered = new bool[models.Count, ks, items];
        long done = 0;
        object gate = new();
        Parallel.For(0, scored.Length, new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = options.Cancellation },
            () => new Worker(new ChoiceOracle(world, catalog, activity), items, models.Count, ks),
            (s, _, worker) =>
            {
                int u = scored[s];
                worker.Score(u, train[u], test[u], models, options, kMax, world, covered);
                if (Interlocked.Increment(ref done) % 64 == 0)
                {
                    options.Progress?.Invoke("scoring users", done, scored.Length);
                }

                return worker;
            },
            worker =>
            {
                lock (gate)
                {
                    for (int m = 0; m < models.Count; m++)
                    {
                        for (int k = 0; k < ks; k++)
                        {
                            totals[m, k].Add(worker.Totals[m, k]);
                        }
                    }
                }
            });

        var result = new List<ModelScore>();
        for (int m = 0; m < models.Count; m++)
        {
            var atK = new List<ScoreAtK>();
            for (int k = 0; k < ks; k++)
            {
                int hit = 0;
                for (int i = 0; i < items; i++)
                {
                    hit += covered[m, k, i] ? 1 : 0;
                }

                atK.Add(totals[m, k].Mean(options.Ks[k], (double)hit / items));
            }

            result.Add(new ModelScore(models[m].Name, totals[m, 0].Users, atK));
        }

        return new ScoreReport(scenario.Name, scored.Length, items, options.TestFraction, options.Ks, result);
    }

    private static Dictionary<string, int> Index(IdFormat format, ulong seed, ulong kind, int count)
    {
        var index = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            index[IdValue.Of(format, seed, kind, i).ToText(format.Kind)] = i;
        }

        return index;
    }

    // Each user's events by time (equal times in file order), cut as `recforge export --split time --valid 0 --test f`
    // cuts them: the latest round(n · f) events (at most n − 1) are held out. The training slice is the distinct items of
    // the earlier events, the held-out slice the distinct items of the later ones the user had not met before.
    private static (int[][] Train, int[][] Test) Split(IEnumerable<LogEvent> events, Dictionary<string, int> userOf, Dictionary<string, int> itemOf, ScoreOptions options)
    {
        var rows = new List<(long Time, int Item)>?[userOf.Count];
        foreach (LogEvent e in events)
        {
            if (userOf.TryGetValue(e.User, out int u) && itemOf.TryGetValue(e.Item, out int i))
            {
                (rows[u] ??= []).Add((e.Time, i));
            }
        }

        var train = new int[rows.Length][];
        var test = new int[rows.Length][];
        var seen = new HashSet<int>();
        var held = new List<int>();
        for (int u = 0; u < rows.Length; u++)
        {
            (long Time, int Item)[] r = [.. (rows[u] ?? []).OrderBy(x => x.Time)]; // OrderBy is stable: equal times keep file order
            int n = r.Length;
            int cut = n - Math.Min(Math.Max(0, n - 1), (int)Math.Round(n * options.TestFraction));
            seen.Clear();
            var earlier = new List<int>();
            for (int k = 0; k < cut; k++)
            {
                if (seen.Add(r[k].Item))
                {
                    earlier.Add(r[k].Item);
                }
            }

            held.Clear();
            for (int k = cut; k < n; k++)
            {
                if (seen.Add(r[k].Item))
                {
                    held.Add(r[k].Item);
                }
            }

            train[u] = [.. earlier];
            test[u] = [.. held];
        }

        return (train, test);
    }

    private static int[] Sample(int users, ScoreOptions options)
    {
        if (users <= options.MaxUsers)
        {
            return [.. Enumerable.Range(0, users)];
        }

        (_, int[] sample) = UtilityEvaluation.SplitUsers(users, (double)options.MaxUsers / users, options.Seed);
        return sample;
    }

    // A file's lines as each user's list, best first: unknown ids and repeated ranks or items are errors naming the row.
    private static int[]?[] Read(ScenarioDefinition scenario, string source, IEnumerable<Recommendation> lines, Dictionary<string, int> userOf, Dictionary<string, int> itemOf, int users, int kMax)
    {
        var byUser = new List<(double Order, long Row, int Item)>?[users];
        var ranks = new HashSet<(int, double)>();
        var pairs = new HashSet<(int, int)>();
        foreach (Recommendation line in lines)
        {
            if (!userOf.TryGetValue(line.User, out int u))
            {
                throw new InvalidDataException($"{source} {line.Row}: unknown user '{line.User}' (not a user of this {scenario.Name} dataset)");
            }

            if (!itemOf.TryGetValue(line.Item, out int i))
            {
                throw new InvalidDataException($"{source} {line.Row}: unknown item '{line.Item}' (not an item of this {scenario.Name} dataset)");
            }

            if (double.IsNaN(line.Order))
            {
                throw new InvalidDataException($"{source} {line.Row}: the rank or score is not a number");
            }

            if (!line.FromScore && !ranks.Add((u, line.Order)))
            {
                throw new InvalidDataException($"{source} {line.Row}: user '{line.User}' has two items at rank {line.Order}; ranks must be distinct");
            }

            if (!pairs.Add((u, i)))
            {
                throw new InvalidDataException($"{source} {line.Row}: user '{line.User}' lists item '{line.Item}' twice");
            }

            (byUser[u] ??= []).Add((line.Order, line.Row, i));
        }

        var result = new int[]?[users];
        for (int u = 0; u < users; u++)
        {
            if (byUser[u] is { } list)
            {
                list.Sort((a, b) => a.Order != b.Order ? a.Order.CompareTo(b.Order) : a.Row.CompareTo(b.Row));
                result[u] = [.. list.Take(kMax).Select(x => x.Item)];
            }
        }

        return result;
    }
}
