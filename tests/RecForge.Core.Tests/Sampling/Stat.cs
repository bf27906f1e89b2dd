using RecForge.Randomness;
using RecForge.Sampling;

namespace RecForge.Core.Tests.Sampling;

/// <summary>Small statistics for sampler tests: moments and the one-sample Kolmogorov–Smirnov statistic.</summary>
internal static class Stat
{
    public static double[] Draw(IScalarSampler sampler, int n, ulong seed = 7)
    {
        var rng = new Rng(seed);
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = sampler.Sample(ref rng);
        }

        return values;
    }

    public static double Mean(double[] x) => x.Average();

    public static double Variance(double[] x)
    {
        double m = Mean(x);
        return x.Sum(v => (v - m) * (v - m)) / (x.Length - 1);
    }

    /// <summary>sup |F_n(x) − F(x)|.</summary>
    public static double KolmogorovSmirnov(double[] x, Func<double, double> cdf)
    {
        var sorted = (double[])x.Clone();
        Array.Sort(sorted);
        double d = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            double f = cdf(sorted[i]);
            d = Math.Max(d, Math.Max(Math.Abs((i + 1.0) / sorted.Length - f), Math.Abs(f - (double)i / sorted.Length)));
        }

        return d;
    }

    /// <summary>The KS critical value at significance 0.001: 1.95 / sqrt(n) (asymptotic Kolmogorov distribution).</summary>
    public static double KsCritical(int n) => 1.95 / Math.Sqrt(n);

    /// <summary>Standard normal CDF (Abramowitz–Stegun 7.1.26 erf, error below 1.5e-7).</summary>
    public static double NormalCdf(double z)
    {
        double x = Math.Abs(z) / Math.Sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
