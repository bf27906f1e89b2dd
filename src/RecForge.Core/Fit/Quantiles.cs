namespace RecForge.Fit;

/// <summary>Evenly spaced quantiles of a sample, exactly or from a (noisy) histogram, for <c>quantiles:</c> samplers.</summary>
public static class Quantiles
{
    /// <summary>Quantiles at 0, 1/(points − 1), …, 1 of <paramref name="values"/>, linear between order statistics.</summary>
    public static double[] Of(IReadOnlyList<double> values, int points = 101)
    {
        if (values.Count == 0)
        {
            return [0, 0];
        }

        double[] sorted = [.. values];
        Array.Sort(sorted);
        var result = new double[points];
        for (int k = 0; k < points; k++)
        {
            double x = (double)k / (points - 1) * (sorted.Length - 1);
            int lo = (int)x;
            int hi = Math.Min(lo + 1, sorted.Length - 1);
            result[k] = sorted[lo] + (x - lo) * (sorted[hi] - sorted[lo]);
        }

        return result;
    }

    /// <summary>
    /// Quantiles of a histogram over bins [edges[b], edges[b + 1]) with the given (possibly noisy) counts: negative
    /// counts are dropped, and mass is spread uniformly inside each bin.
    /// </summary>
    public static double[] FromHistogram(double[] edges, double[] counts, int points = 101)
    {
        double total = 0;
        foreach (double c in counts)
        {
            total += Math.Max(0, c);
        }

        var result = new double[points];
        if (total <= 0)
        {
            Array.Fill(result, edges[0]);
            return result;
        }

        int bin = 0;
        double below = 0;
        for (int k = 0; k < points; k++)
        {
            double want = (double)k / (points - 1) * total;
            // Empty bins are skipped, so the minimum is the lower edge of the first bin with mass.
            while (bin < counts.Length - 1 && (below + Math.Max(0, counts[bin]) < want || counts[bin] <= 0))
            {
                below += Math.Max(0, counts[bin]);
                bin++;
            }

            double mass = Math.Max(0, counts[bin]);
            double within = mass > 0 ? Math.Clamp((want - below) / mass, 0, 1) : 0;
            result[k] = edges[bin] + within * (edges[bin + 1] - edges[bin]);
        }

        for (int k = 1; k < points; k++)
        {
            result[k] = Math.Max(result[k], result[k - 1]);
        }

        return result;
    }

    /// <summary>Bin edges 0, <paramref name="first"/>, first·√2, first·2, … up to at least <paramref name="max"/> (for heavy-tailed counts and durations).</summary>
    public static double[] LogEdges(double first, double max)
    {
        var edges = new List<double> { 0, first };
        while (edges[^1] < max)
        {
            edges.Add(edges[^1] * Math.Sqrt(2));
        }

        return [.. edges];
    }

    /// <summary>The bin of <paramref name="value"/> among <paramref name="edges"/> (the last bin takes everything above).</summary>
    public static int BinOf(double[] edges, double value)
    {
        int b = Array.BinarySearch(edges, value);
        b = b >= 0 ? b : ~b - 1;
        return Math.Clamp(b, 0, edges.Length - 2);
    }
}
