namespace RecForge.Evaluation;

/// <summary>A recommender trained on user histories and asked for item scores given a (new) user's history.</summary>
public interface IRecommender
{
    /// <summary>Short name used in reports (most_popular, item_knn, ease).</summary>
    string Name { get; }

    /// <summary>Trains on <paramref name="histories"/> (distinct item indexes per user) over items 0..<paramref name="items"/>−1.</summary>
    void Fit(IReadOnlyList<int[]> histories, int items);

    /// <summary>Writes a score for every item given a user's history (higher is better); history items are excluded by the caller.</summary>
    void Score(ReadOnlySpan<int> history, Span<double> scores);
}
