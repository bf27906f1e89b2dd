namespace RecForge.Evaluation;

/// <summary>Column-shape and pair-trend scores in [0, 1] as SDMetrics defines them (1 = identical).</summary>
internal static class FidelityMetrics
{
    /// <summary>KSComplement = 1 − the Kolmogorov–Smirnov statistic, sup |F_real(x) − F_synthetic(x)|, for numeric samples.</summary>
    public static double KsComplement(double[] real, double[] synthetic)
    {
        if (real.Length == 0 || synthetic.Length == 0)
        {
            return 0;
        }

        double[] a = [.. real.Order()], b = [.. synthetic.Order()];
        int i = 0, j = 0;
        double d = 0;
        while (i < a.Length && j < b.Length)
        {
            double x = Math.Min(a[i], b[j]);
            while (i < a.Length && a[i] <= x)
            {
                i++;
            }

            while (j < b.Length && b[j] <= x)
            {
                j++;
            }

            d = Math.Max(d, Math.Abs((double)i / a.Length - (double)j / b.Length));
        }

        return 1 - d;
    }

    /// <summary>TVComplement = 1 − ½ Σ |p_real(c) − p_synthetic(c)| over the categories of either sample.</summary>
    public static double TvComplement<T>(IReadOnlyDictionary<T, double> real, IReadOnlyDictionary<T, double> synthetic)
        where T : notnull
    {
        double totalReal = real.Values.Sum(), totalSynthetic = synthetic.Values.Sum();
        if (totalReal <= 0 || totalSynthetic <= 0)
        {
            return 0;
        }

        double tv = 0;
        foreach (T key in real.Keys.Union(synthetic.Keys))
        {
            tv += Math.Abs(real.GetValueOrDefault(key) / totalReal - synthetic.GetValueOrDefault(key) / totalSynthetic);
        }

        return 1 - tv / 2;
    }

    /// <summary>CorrelationSimilarity = 1 − |ρ_real − ρ_synthetic| / 2 for Pearson correlations of two paired columns.</summary>
    public static double CorrelationSimilarity((double[] X, double[] Y) real, (double[] X, double[] Y) synthetic)
        => 1 - Math.Abs(Pearson(real.X, real.Y) - Pearson(synthetic.X, synthetic.Y)) / 2;

    /// <summary>Pearson correlation (0 when a column is constant).</summary>
    public static double Pearson(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxx <= 0 || syy <= 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }
}
