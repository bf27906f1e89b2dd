namespace RecForge.Evaluation;

/// <summary>
/// EASE (Steck, 2019): an item–item weight matrix B = I − P · diag(1 / diag(P)) with P = (XᵀX + λI)⁻¹ and zero
/// diagonal, the closed-form solution of min ‖X − XB‖² + λ‖B‖² with diag(B) = 0. Scores are x_u B. The matrix is dense,
/// so it covers the <see cref="MaxItems"/> most frequent training items (others score 0).
/// </summary>
internal sealed class EaseRecommender(double lambda = 250, int maxItems = 2000) : IRecommender
{
    private int[] _columnOf = [];
    private int[] _itemOf = [];
    private double[] _weights = [];

    /// <inheritdoc />
    public string Name => "ease";

    /// <summary>L2 regularisation λ.</summary>
    public double Lambda { get; } = lambda;

    /// <summary>Most items in the dense model.</summary>
    public int MaxItems { get; } = maxItems;

    /// <inheritdoc />
    public void Fit(IReadOnlyList<int[]> histories, int items)
    {
        var counts = new int[items];
        foreach (int[] h in histories)
        {
            foreach (int i in h)
            {
                counts[i]++;
            }
        }

        _itemOf = [.. Enumerable.Range(0, items).Where(i => counts[i] > 0).OrderByDescending(i => counts[i]).ThenBy(i => i).Take(MaxItems)];
        _columnOf = new int[items];
        Array.Fill(_columnOf, -1);
        for (int c = 0; c < _itemOf.Length; c++)
        {
            _columnOf[_itemOf[c]] = c;
        }

        int n = _itemOf.Length;
        var gram = new double[n * n];
        var columns = new List<int>();
        foreach (int[] h in histories)
        {
            columns.Clear();
            foreach (int i in h)
            {
                if (_columnOf[i] >= 0)
                {
                    columns.Add(_columnOf[i]);
                }
            }

            foreach (int a in columns)
            {
                foreach (int b in columns)
                {
                    gram[a * n + b]++;
                }
            }
        }

        for (int d = 0; d < n; d++)
        {
            gram[d * n + d] += Lambda;
        }

        double[] p = SymmetricInverse.Invert(gram, n);
        _weights = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                _weights[i * n + j] = i == j ? 0 : -p[i * n + j] / p[j * n + j];
            }
        }
    }

    /// <inheritdoc />
    public void Score(ReadOnlySpan<int> history, Span<double> scores)
    {
        scores.Clear();
        int n = _itemOf.Length;
        foreach (int i in history)
        {
            int row = i < _columnOf.Length ? _columnOf[i] : -1;
            if (row < 0)
            {
                continue;
            }

            ReadOnlySpan<double> weights = _weights.AsSpan(row * n, n);
            for (int c = 0; c < n; c++)
            {
                scores[_itemOf[c]] += weights[c];
            }
        }
    }
}
