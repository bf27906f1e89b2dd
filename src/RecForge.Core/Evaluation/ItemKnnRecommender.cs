namespace RecForge.Evaluation;

/// <summary>
/// Item-based k-nearest neighbours: cosine similarity of items' user sets, sim(i, j) = |U_i ∩ U_j| / √(|U_i| |U_j|),
/// each item keeping its <see cref="Neighbours"/> most similar items; a user's score for j is the sum of the
/// similarities from the items of their history (Sarwar et al., 2001; Deshpande and Karypis, 2004).
/// </summary>
internal sealed class ItemKnnRecommender(int neighbours = 100) : IRecommender
{
    private (int Item, double Similarity)[][] _neighbours = [];

    /// <inheritdoc />
    public string Name => "item_knn";

    /// <summary>Neighbours kept per item.</summary>
    public int Neighbours { get; } = neighbours;

    /// <inheritdoc />
    public void Fit(IReadOnlyList<int[]> histories, int items)
    {
        var counts = new int[items];
        var usersOf = new List<int>[items];
        for (int u = 0; u < histories.Count; u++)
        {
            foreach (int i in histories[u])
            {
                counts[i]++;
                (usersOf[i] ??= []).Add(u);
            }
        }

        _neighbours = new (int, double)[items][];
        var co = new int[items];
        var touched = new List<int>();
        for (int i = 0; i < items; i++)
        {
            if (usersOf[i] is not { } users)
            {
                _neighbours[i] = [];
                continue;
            }

            // Co-occurrence of i with every item through i's users (sparse: only items touched are reset).
            foreach (int u in users)
            {
                foreach (int j in histories[u])
                {
                    if (j != i && co[j]++ == 0)
                    {
                        touched.Add(j);
                    }
                }
            }

            var similar = new (int Item, double Similarity)[touched.Count];
            for (int t = 0; t < touched.Count; t++)
            {
                int j = touched[t];
                similar[t] = (j, co[j] / Math.Sqrt((double)counts[i] * counts[j]));
                co[j] = 0;
            }

            touched.Clear();
            Array.Sort(similar, (a, b) => a.Similarity != b.Similarity ? b.Similarity.CompareTo(a.Similarity) : a.Item.CompareTo(b.Item));
            _neighbours[i] = similar.Length > Neighbours ? similar[..Neighbours] : similar;
        }
    }

    /// <inheritdoc />
    public void Score(ReadOnlySpan<int> history, Span<double> scores)
    {
        scores.Clear();
        foreach (int i in history)
        {
            if (i >= _neighbours.Length)
            {
                continue;
            }

            foreach (var (j, s) in _neighbours[i])
            {
                scores[j] += s;
            }
        }
    }
}
