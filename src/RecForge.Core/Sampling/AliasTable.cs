using RecForge.Randomness;

namespace RecForge.Sampling;

/// <summary>Draws category indices in O(1) from fixed weights (Walker's alias method, Vose's construction).</summary>
/// <remarks>M. D. Vose, "A linear algorithm for generating random numbers with a given distribution", IEEE TSE 1991.</remarks>
public sealed class AliasTable
{
    private readonly double[] _probability;
    private readonly int[] _alias;

    /// <summary>Builds the table; weights must be finite, non-negative and not all zero.</summary>
    public AliasTable(ReadOnlySpan<double> weights)
    {
        int n = weights.Length;
        if (n == 0)
        {
            throw new ArgumentException("At least one weight is required.", nameof(weights));
        }

        double total = 0;
        foreach (double w in weights)
        {
            if (!double.IsFinite(w) || w < 0)
            {
                throw new ArgumentException($"Weights must be finite and non-negative, got {w}.", nameof(weights));
            }

            total += w;
        }

        if (total <= 0)
        {
            throw new ArgumentException("Weights must not all be zero.", nameof(weights));
        }

        _probability = new double[n];
        _alias = new int[n];
        var scaled = new double[n];
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (int i = n - 1; i >= 0; i--)
        {
            scaled[i] = weights[i] * n / total;
            (scaled[i] < 1.0 ? small : large).Push(i);
        }

        while (small.Count > 0 && large.Count > 0)
        {
            int s = small.Pop(), l = large.Pop();
            _probability[s] = scaled[s];
            _alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1.0;
            (scaled[l] < 1.0 ? small : large).Push(l);
        }

        // Leftovers are 1 up to rounding error.
        while (large.Count > 0)
        {
            _probability[large.Pop()] = 1.0;
        }

        while (small.Count > 0)
        {
            _probability[small.Pop()] = 1.0;
        }
    }

    /// <summary>The number of categories.</summary>
    public int Count => _probability.Length;

    /// <summary>Draws a category index.</summary>
    public int Sample(ref Rng rng)
    {
        ulong bits = rng.NextUInt64();
        int column = (int)(((bits >> 32) * (ulong)_probability.Length) >> 32);
        double u = (bits & 0xFFFFFFFFUL) * (1.0 / 4294967296.0);
        return u < _probability[column] ? column : _alias[column];
    }
}
