namespace RecForge.Truth;

/// <summary>How <see cref="SearchRelevance"/> builds queries and their relevance labels.</summary>
/// <param name="Queries">Number of queries.</param>
public sealed record QrelsOptions(int Queries)
{
    /// <summary>Share of the queries that are personalised (a user searches; grades also follow their true affinity).</summary>
    public double Personalised { get; init; }

    /// <summary>Seed of the queries.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Worker threads.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
}

/// <summary>A search query: its id, its text and, when personalised, the id of the user who searches.</summary>
/// <param name="Id">Query id (<c>q1</c>, …).</param>
/// <param name="Text">What the user types, e.g. <c>tense thriller europe</c>.</param>
/// <param name="User">The searching user's id, or null.</param>
/// <param name="Intents">The query's intents (its phrases).</param>
public sealed record SearchQuery(string Id, string Text, string? User, IReadOnlyList<string> Intents);

/// <summary>One relevance label: a query, an item (document) and its grade (1–3; unlisted items are 0).</summary>
/// <param name="Query">Query id.</param>
/// <param name="Document">The item's id.</param>
/// <param name="Grade">1 to 3.</param>
public readonly record struct Judgment(string Query, string Document, int Grade);

/// <summary>Queries with their graded relevance labels.</summary>
/// <param name="Queries">The queries.</param>
/// <param name="Judgments">Labels with grade ≥ 1, by query then item.</param>
/// <param name="Documents">Every item id, by item index (the documents a search ranks).</param>
public sealed record QrelsSet(IReadOnlyList<SearchQuery> Queries, IReadOnlyList<Judgment> Judgments, IReadOnlyList<string> Documents);
