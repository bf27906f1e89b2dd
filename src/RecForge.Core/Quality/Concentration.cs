namespace RecForge.Quality;

/// <summary>How concentrated activity is: top-share and Lorenz curve of per-entity counts; total-variation distance.</summary>
internal static class Concentration
{
    /// <summary>Share of the total held by the largest ⌈<paramref name="fraction"/>·n⌉ counts.</summary>
    public static double TopShare(long[] counts, double fraction)
    {
        long[] sorted = (long[])counts.Clone();
        Array.Sort(sorted);
        int top = (int)Math.Ceiling(fraction * sorted.Length);
        double total = 0, held = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            total += sorted[i];
            if (i >= sorted.Length - top)
            {
                held += sorted[i];
            }
        }

        return total == 0 ? 0 : held / total;
    }

    /// <summary>
    /// The Lorenz curve at <paramref name="points"/>+1 evenly spaced population shares: (share of entities, share of
    /// the total held by the least active ones); and the Gini coefficient (1 − 2 × area under the curve).
    /// </summary>
    public static ((double X, double Y)[] Curve, double Gini) Lorenz(long[] counts, int points = 50)
    {
        long[] sorted = (long[])counts.Clone();
        Array.Sort(sorted);
        int n = sorted.Length;
        var cumulative = new double[n + 1];
        for (int i = 0; i < n; i++)
        {
            cumulative[i + 1] = cumulative[i] + sorted[i];
        }

        double total = cumulative[n];
        var curve = new (double, double)[points + 1];
        for (int p = 0; p <= points; p++)
        {
            int at = (int)Math.Round((double)p / points * n);
            curve[p] = ((double)p / points, total == 0 ? 0 : cumulative[at] / total);
        }

        double area = 0;
        for (int i = 0; i < n; i++)
        {
            area += (cumulative[i] + cumulative[i + 1]) / 2 / total / n;
        }

        return (curve, total == 0 ? 0 : 1 - 2 * area);
    }

    /// <summary>Total-variation distance ½ Σ |p − q| between two distributions given as (unnormalised) weights.</summary>
    public static double TotalVariation(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        double sp = p.Sum(), sq = q.Sum(), tv = 0;
        for (int i = 0; i < p.Count; i++)
        {
            tv += Math.Abs(p[i] / sp - q[i] / sq);
        }

        return tv / 2;
    }
}
