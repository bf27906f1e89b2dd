namespace RecForge.Evaluation;

/// <summary>Scores every item by how many training users have it: the same list for everyone.</summary>
internal sealed class MostPopularRecommender : IRecommender
{
    private double[] _counts = [];

    /// <inheritdoc />
    public string Name => "most_popular";

    /// <inheritdoc />
    public void Fit(IReadOnlyList<int[]> histories, int items)
    {
        _counts = new double[items];
        foreach (int[] h in histories)
        {
            foreach (int i in h)
            {
                _counts[i]++;
            }
        }
    }

    /// <inheritdoc />
    public void Score(ReadOnlySpan<int> history, Span<double> scores) => _counts.AsSpan(0, Math.Min(_counts.Length, scores.Length)).CopyTo(scores);
}
