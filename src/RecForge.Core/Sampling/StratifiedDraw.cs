using RecForge.Randomness;

namespace RecForge.Sampling;

/// <summary>
/// Assigns categories to entities 0..n−1 so that each category's count is its weight × n to within one: entity i
/// takes the category whose cumulative-weight interval holds (π(i) + ½) / n, where π is a seeded permutation. Shares
/// are exact at any size (a plain draw has noise of ±√(w(1−w)/n)) and each entity's category is still a pure
/// function of (seed, attribute, index).
/// </summary>
public sealed class StratifiedDraw
{
    private readonly FeistelPermutation _permutation;
    private readonly double[] _cumulative;

    /// <summary>Prepares the assignment of <paramref name="count"/> entities by <paramref name="weights"/> (need not sum to 1).</summary>
    public StratifiedDraw(ReadOnlySpan<double> weights, long count, ulong key)
    {
        _permutation = new FeistelPermutation(count, key);
        _cumulative = new double[weights.Length];
        double total = 0;
        foreach (double w in weights)
        {
            total += w;
        }

        double running = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            running += weights[i] / total;
            _cumulative[i] = running;
        }

        _cumulative[^1] = double.PositiveInfinity;
    }

    /// <summary>The category of entity <paramref name="index"/>.</summary>
    public int Category(long index)
    {
        double u = (_permutation.Forward(index) + 0.5) / _permutation.Count;
        int lo = 0, hi = _cumulative.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (u < _cumulative[mid])
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }
}
