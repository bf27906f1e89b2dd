using RecForge.Randomness;

namespace RecForge.Sampling;

/// <summary>Draws ranks k in 1..n with probability proportional to k^-exponent, in O(1) without a table.</summary>
/// <remarks>
/// Rejection-inversion of W. Hörmann and G. Derflinger, "Rejection-inversion to generate variates from monotone
/// discrete distributions" (ACM TOMACS 1996), as in Apache Commons RNG's <c>RejectionInversionZipfSampler</c>.
/// Works for any exponent &gt; 0 and any n up to 2^62, which is what a 100M-item catalogue needs.
/// </remarks>
internal sealed class ZipfSampler : IScalarSampler, IRankSampler
{
    private readonly long _n;
    private readonly double _exponent;
    private readonly double _hIntegralX1;
    private readonly double _hIntegralN;
    private readonly double _s;

    /// <summary>Creates the sampler over ranks 1..<paramref name="n"/>.</summary>
    public ZipfSampler(long n, double exponent)
    {
        if (n < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "Zipf needs at least one rank.");
        }

        if (!(exponent > 0) || !double.IsFinite(exponent))
        {
            throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "Zipf exponent must be > 0.");
        }

        _n = n;
        _exponent = exponent;
        _hIntegralX1 = HIntegral(1.5) - 1.0;
        _hIntegralN = HIntegral(n + 0.5);
        _s = 2.0 - HIntegralInverse(HIntegral(2.5) - H(2.0));
    }

    /// <summary>The number of ranks.</summary>
    public long Count => _n;

    /// <summary>The exponent.</summary>
    public double Exponent => _exponent;

    /// <summary>Draws a rank in 1..n.</summary>
    public long SampleRank(ref Rng rng)
    {
        while (true)
        {
            double u = _hIntegralN + rng.NextDouble() * (_hIntegralX1 - _hIntegralN);
            double x = HIntegralInverse(u);
            long k = (long)(x + 0.5);
            if (k < 1)
            {
                k = 1;
            }
            else if (k > _n)
            {
                k = _n;
            }

            if (k - x <= _s || u >= HIntegral(k + 0.5) - H(k))
            {
                return k;
            }
        }
    }

    /// <inheritdoc />
    public double Sample(ref Rng rng) => SampleRank(ref rng);

    private double HIntegral(double x)
    {
        double logX = Math.Log(x);
        return Helper2((1.0 - _exponent) * logX) * logX;
    }

    private double H(double x) => Math.Exp(-_exponent * Math.Log(x));

    private double HIntegralInverse(double x)
    {
        double t = x * (1.0 - _exponent);
        if (t < -1.0)
        {
            t = -1.0;
        }

        return Math.Exp(Helper1(t) * x);
    }

    // log1p(x)/x, accurate near zero.
    private static double Helper1(double x)
        => Math.Abs(x) > 1e-8 ? Math.Log(1.0 + x) / x : 1.0 - x * (0.5 - x * (1.0 / 3.0 - 0.25 * x));

    // expm1(x)/x, accurate near zero.
    private static double Helper2(double x)
        => Math.Abs(x) > 1e-8 ? (Math.Exp(x) - 1.0) / x : 1.0 + x * 0.5 * (1.0 + x * (1.0 / 3.0) * (1.0 + 0.25 * x));
}
