using RecForge.Generation;
using RecForge.Generation.Events;
using RecForge.Ids;
using RecForge.Randomness;
using RecForge.Scenarios;
using RecForge.Text;
using RecForge.World;

namespace RecForge.Truth;

/// <summary>
/// Search queries and graded relevance labels from the world model (<c>recforge qrels</c>). An item's intents are the
/// values of its categorical, set, inherited and few-valued text attributes, each level of a taxonomy and each part of a composite
/// value apart (genre <c>Thriller &gt; Political</c> gives <c>thriller</c> and <c>political</c>, origin <c>French/Europe</c>
/// gives <c>french</c> and <c>europe</c>), lower-cased. A query takes two or three intents of one item drawn by
/// popularity, as users search for what they have heard of; an item's grade is how many of the query's intents it truly
/// has (0–3), so every query has at least one item of grade 2 or more.
/// </summary>
/// <remarks>
/// A personalised query is built from the user's best-liked item among 256 drawn by popularity; its grades move with
/// the user's true affinity: one more at affinity ≥ 0.6, one less below 0.4 (an item with no intent stays 0).
/// </remarks>
public static class SearchRelevance
{
    private const int MaxValues = 64;
    private const int Candidates = 256;

    /// <summary>The items' text columns a search engine indexes (output text templates: media's title and description).</summary>
    public static IReadOnlyList<string> TextColumns(ScenarioDefinition scenario)
        => [.. scenario.Items.Attributes.OfType<TextAttribute>().Where(a => a.Output).Select(a => a.Name)];

    /// <summary>The encoder the dataset's hashed text block <paramref name="block"/> was written with, to encode queries in the same space.</summary>
    public static ITextEncoder QueryEncoder(ScenarioDefinition scenario, string block, int dimension)
        => new HashedTextEncoder(StreamKey.Combine(scenario.Seed, StreamKey.Of("embedding:" + block)), dimension);

    /// <summary>Builds <see cref="QrelsOptions.Queries"/> queries over the items of <paramref name="scenario"/> and labels every item for each.</summary>
    /// <exception cref="ScenarioException">The items have fewer than two kinds of intent, so no query can be built.</exception>
    public static QrelsSet Build(ScenarioDefinition scenario, QrelsOptions options)
    {
        var world = new WorldModel(scenario);
        int n = checked((int)scenario.Items.Count);
        var phrases = new List<string>();
        int[][] intents = Intents(world, n, phrases, out int[] kindOf);
        if (kindOf.Distinct().Count() < 2)
        {
            throw new ScenarioException($"{scenario.Name}: the items have fewer than two categorical or set attributes, so queries of two intents cannot be built");
        }

        string[] documents = new string[n];
        for (int i = 0; i < n; i++)
        {
            documents[i] = IdValue.Of(scenario.Items.IdFormat, world.Seed, WorldModel.ItemsKind, i).ToText(scenario.Items.IdFormat.Kind);
        }

        ItemCatalog? catalog = options.Personalised > 0 ? new ItemCatalog(world, options.Threads, default) : null;
        UserTaste? taste = catalog is null ? null : new UserTaste(world, catalog, world.LatentUsers ? new EntityRowSampler(scenario.Users, world) : null);
        var queries = new List<SearchQuery>();
        var grades = new List<int[]>();
        var rng = new Rng(StreamKey.Combine(options.Seed, StreamKey.Of("qrels")));
        for (int q = 0; q < options.Queries; q++)
        {
            bool personal = taste is not null && rng.NextDouble() < options.Personalised;
            long user = personal ? rng.NextInt64(scenario.Users.Count) : -1;
            int seedItem;
            if (personal)
            {
                taste!.Begin(user);
                seedItem = -1;
                double best = -1;
                for (int c = 0; c < Candidates; c++)
                {
                    int item = (int)world.ItemOfRank(world.PopularitySampler.SampleRank(ref rng));
                    double a = taste.Affinity(item);
                    if (a > best)
                    {
                        (best, seedItem) = (a, item);
                    }
                }
            }
            else
            {
                seedItem = (int)world.ItemOfRank(world.PopularitySampler.SampleRank(ref rng));
            }

            int[] chosen = Choose(intents[seedItem], kindOf, 2 + rng.NextInt32(2), ref rng);
            string[] words = [.. chosen.Select(p => phrases[p])];
            string? userId = personal ? IdValue.Of(scenario.Users.IdFormat, world.Seed, WorldModel.UsersKind, user).ToText(scenario.Users.IdFormat.Kind) : null;
            var query = new SearchQuery("q" + (q + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), string.Join(' ', words), userId, words);
            queries.Add(query);
            int[] graded = new int[n];
            for (int i = 0; i < n; i++)
            {
                int matched = 0;
                foreach (int p in chosen)
                {
                    matched += Array.BinarySearch(intents[i], p) >= 0 ? 1 : 0;
                }

                if (personal && matched > 0)
                {
                    double a = taste!.Affinity(i);
                    matched += a >= 0.6 ? 1 : a < 0.4 ? -1 : 0;
                }

                graded[i] = Math.Clamp(matched, 0, 3);
            }

            grades.Add(graded);
        }

        var judgments = new List<Judgment>();
        for (int q = 0; q < queries.Count; q++)
        {
            for (int i = 0; i < n; i++)
            {
                if (grades[q][i] > 0)
                {
                    judgments.Add(new Judgment(queries[q].Id, documents[i], grades[q][i]));
                }
            }
        }

        return new QrelsSet(queries, judgments, documents);
    }

    // k of the item's intents, each of a different attribute (a query never asks for two genres), in a random order.
    private static int[] Choose(int[] item, int[] kindOf, int k, ref Rng rng)
    {
        int[] pool = [.. item];
        for (int i = pool.Length - 1; i > 0; i--)
        {
            int j = rng.NextInt32(i + 1);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }

        var chosen = new List<int>();
        var kinds = new HashSet<int>();
        foreach (int p in pool)
        {
            if (chosen.Count < k && kinds.Add(kindOf[p]))
            {
                chosen.Add(p);
            }
        }

        return [.. chosen];
    }

    // Each item's intents as sorted phrase ids; kindOf[phrase] is the attribute it first came from.
    private static int[][] Intents(WorldModel world, int n, List<string> phrases, out int[] kindOf)
    {
        EntityDefinition items = world.Scenario.Items;
        AttributeDefinition[] candidates = [.. items.Attributes.Where(a => a is CategoryAttribute or SetAttribute or ExpressionAttribute or InheritedAttribute)];
        var sampler = new EntityRowSampler(items, world);
        var distinct = new HashSet<string>?[candidates.Length];
        for (int c = 0; c < candidates.Length; c++)
        {
            distinct[c] = new HashSet<string>(StringComparer.Ordinal);
        }

        // Cells once per (item, attribute); an attribute with many distinct values (an expression of numbers, a title) is no intent.
        var cells = new string[]?[candidates.Length][];
        for (int c = 0; c < candidates.Length; c++)
        {
            cells[c] = new string[]?[n];
        }

        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < candidates.Length; c++)
            {
                if (distinct[c] is null)
                {
                    continue;
                }

                Cell cell = sampler.CellOf(i, candidates[c]);
                string[]? parts = cell.List ?? (cell.Text is { } text ? [text] : null);
                if (parts is null)
                {
                    distinct[c] = null;
                    continue;
                }

                cells[c][i] = parts;
                foreach (string p in parts)
                {
                    distinct[c]!.Add(p);
                }

                if (distinct[c]!.Count > MaxValues)
                {
                    distinct[c] = null;
                }
            }
        }

        var idOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var kinds = new List<int>();
        var result = new int[n][];
        var own = new SortedSet<int>();
        for (int i = 0; i < n; i++)
        {
            own.Clear();
            for (int c = 0; c < candidates.Length; c++)
            {
                if (distinct[c] is null)
                {
                    continue;
                }

                foreach (string value in cells[c][i]!)
                {
                    foreach (string part in value.Split([" > ", "/"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        string phrase = part.ToLowerInvariant();
                        if (!idOf.TryGetValue(phrase, out int id))
                        {
                            id = idOf.Count;
                            idOf[phrase] = id;
                            phrases.Add(phrase);
                            kinds.Add(c);
                        }

                        own.Add(id);
                    }
                }
            }

            result[i] = [.. own];
        }

        kindOf = [.. kinds];
        return result;
    }
}
