namespace RecForge.Quality;

/// <summary>Maximum-likelihood Zipf exponent of a rank–frequency distribution.</summary>
/// <remarks>
/// Treats every unit of frequency as a draw of its rank r (ranks 1..n by decreasing frequency) from the bounded
/// Zipf law p(r) = r^-α / H(n, α). The log-likelihood is concave in α and its stationary point satisfies
/// E_α[ln r] = (Σ f_r ln r) / Σ f_r; the left side decreases in α, so bisection finds it.
/// </remarks>
internal static class ZipfFit
{
    /// <summary>Fits α to frequencies (any order; zeros count as ranks with no mass). Returns NaN for fewer than two ranks.</summary>
    public static double Estimate(ReadOnlySpan<double> frequencies)
    {
        var sorted = frequencies.ToArray();
        Array.Sort(sorted);
        Array.Reverse(sorted);
        int n = sorted.Length;
        double total = 0, weightedLog = 0;
        for (int r = 1; r <= n; r++)
        {
            total += sorted[r - 1];
            weightedLog += sorted[r - 1] * Math.Log(r);
        }

        if (n < 2 || total <= 0)
        {
            return double.NaN;
        }

        double target = weightedLog / total;
        double lo = 1e-4, hi = 20;
        for (int iteration = 0; iteration < 80; iteration++)
        {
            double mid = 0.5 * (lo + hi);
            if (MeanLogRank(mid, n) > target)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return 0.5 * (lo + hi);
    }

    private static double MeanLogRank(double alpha, int n)
    {
        double h = 0, s = 0;
        for (int k = 1; k <= n; k++)
        {
            double p = Math.Pow(k, -alpha);
            h += p;
            s += p * Math.Log(k);
        }

        return s / h;
    }
}
