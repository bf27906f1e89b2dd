using RecForge.Randomness;

namespace RecForge.Sampling;

/// <summary>
/// Draws an index with probability ∝ its weight, where weights can change between draws: a Fenwick (binary indexed)
/// tree of partial sums, O(log n) per draw and per update, O(n) to refill. Setting a drawn index's weight to 0 gives
/// exact successive sampling without replacement.
/// </summary>
internal sealed class FenwickSampler
{
    private double[] _tree = [];
    private double[] _weights = [];
    private int _count;
    private int _top;

    /// <summary>Number of indexes.</summary>
    public int Count => _count;

    /// <summary>The sum of the weights.</summary>
    public double Total { get; private set; }

    /// <summary>The current weight of an index.</summary>
    public double WeightOf(int index) => _weights[index];

    /// <summary>Replaces every weight (negative weights count as 0), reusing the buffers when they are large enough.</summary>
    public void Fill(ReadOnlySpan<double> weights)
    {
        _count = weights.Length;
        if (_tree.Length < _count + 1)
        {
            _tree = new double[_count + 1];
            _weights = new double[_count];
        }

        _tree[0] = 0;
        double total = 0;
        for (int i = 0; i < _count; i++)
        {
            double w = Math.Max(0, weights[i]);
            _weights[i] = w;
            _tree[i + 1] = w;
            total += w;
        }

        // Linear-time build: each node passes its sum to its parent.
        for (int i = 1; i <= _count; i++)
        {
            int parent = i + (i & -i);
            if (parent <= _count)
            {
                _tree[parent] += _tree[i];
            }
        }

        Total = total;
        _top = 1;
        while (_top * 2 <= _count)
        {
            _top *= 2;
        }
    }

    /// <summary>Sets the weight of <paramref name="index"/>.</summary>
    public void Set(int index, double weight)
    {
        weight = Math.Max(0, weight);
        double delta = weight - _weights[index];
        if (delta == 0)
        {
            return;
        }

        _weights[index] = weight;
        Total += delta;
        for (int i = index + 1; i <= _count; i += i & -i)
        {
            _tree[i] += delta;
        }

        if (Total < 1e-300)
        {
            // Rounding can leave a tiny remainder once every weight is zero.
            Total = 0;
        }
    }

    /// <summary>Draws an index ∝ weight; -1 when every weight is zero.</summary>
    public int Sample(ref Rng rng)
    {
        if (Total <= 0)
        {
            return -1;
        }

        double target = rng.NextDouble() * Total;
        int position = 0;
        for (int step = _top; step > 0; step >>= 1)
        {
            int next = position + step;
            if (next <= _count && _tree[next] <= target)
            {
                position = next;
                target -= _tree[next];
            }
        }

        // position is the number of leading indexes whose sum is ≤ target; rounding may land on a zero weight.
        int index = Math.Min(position, _count - 1);
        while (_weights[index] <= 0 && index > 0)
        {
            index--;
        }

        while (_weights[index] <= 0 && index < _count - 1)
        {
            index++;
        }

        return _weights[index] > 0 ? index : -1;
    }
}
