using RecForge.Randomness;

namespace RecForge.Sampling;

/// <summary>Poisson counts with mean <c>lambda</c>.</summary>
/// <remarks>
/// Knuth's multiplication method for lambda &lt; 30; above that the PTRS transformed rejection of W. Hörmann,
/// "The transformed rejection method for generating Poisson random variables" (1993), which is O(1).
/// </remarks>
internal sealed class PoissonSampler : IScalarSampler
{
    private readonly double _lambda;
    private readonly double _expMinusLambda;
    private readonly double _b, _a, _invAlpha, _vr, _logLambda;

    /// <summary>Creates the sampler; lambda must be positive.</summary>
    public PoissonSampler(double lambda)
    {
        if (!(lambda > 0) || !double.IsFinite(lambda))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "Poisson lambda must be > 0.");
        }

        _lambda = lambda;
        _expMinusLambda = Math.Exp(-lambda);
        double sq = Math.Sqrt(lambda);
        _logLambda = Math.Log(lambda);
        _b = 0.931 + 2.53 * sq;
        _a = -0.059 + 0.02483 * _b;
        _invAlpha = 1.1239 + 1.1328 / (_b - 3.4);
        _vr = 0.9277 - 3.6224 / (_b - 2);
    }

    /// <inheritdoc />
    public double Sample(ref Rng rng) => SampleCount(ref rng);

    /// <summary>Draws a count.</summary>
    public long SampleCount(ref Rng rng)
    {
        if (_lambda < 30)
        {
            long k = 0;
            double p = rng.NextDouble();
            while (p > _expMinusLambda)
            {
                k++;
                p *= rng.NextDouble();
            }

            return k;
        }

        while (true)
        {
            double u = rng.NextDouble() - 0.5;
            double v = rng.NextOpenDouble();
            double us = 0.5 - Math.Abs(u);
            long k = (long)Math.Floor((2 * _a / us + _b) * u + _lambda + 0.43);
            if (us >= 0.07 && v <= _vr)
            {
                return k;
            }

            if (k < 0 || (us < 0.013 && v > us))
            {
                continue;
            }

            double lhs = Math.Log(v * _invAlpha / (_a / (us * us) + _b));
            double rhs = -_lambda + k * _logLambda - LogFactorial(k);
            if (lhs <= rhs)
            {
                return k;
            }
        }
    }

    private static double LogFactorial(long k)
    {
        if (k < 2)
        {
            return 0;
        }

        // Stirling series; error below 1e-10 for k >= 2 is ample for an acceptance test.
        double x = k + 1.0;
        return (x - 0.5) * Math.Log(x) - x + 0.5 * Math.Log(2 * Math.PI) + 1.0 / (12 * x) - 1.0 / (360 * x * x * x);
    }
}
