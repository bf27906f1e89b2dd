using RecForge.Randomness;

namespace RecForge.Sampling;

/// <summary>Gamma(shape, 1) draws, the building block of <see cref="BetaSampler"/> and <see cref="DirichletSampler"/>.</summary>
/// <remarks>
/// Marsaglia and Tsang, "A simple method for generating gamma variables" (ACM TOMS 2000); shapes below 1 use the
/// boost Gamma(a) = Gamma(a + 1) · U^(1/a).
/// </remarks>
internal sealed class GammaSampler(double shape, double scale = 1.0) : IScalarSampler
{
    /// <inheritdoc />
    public double Sample(ref Rng rng) => scale * Draw(ref rng, shape);

    /// <summary>One Gamma(shape, 1) draw over Box–Muller normals.</summary>
    public static double Draw(ref Rng rng, double shape) => Draw<BoxMullerNormal>(ref rng, shape);

    /// <summary>One Gamma(shape, 1) draw over the normals of <typeparamref name="TNormal"/>.</summary>
    public static double Draw<TNormal>(ref Rng rng, double shape)
        where TNormal : INormalSource
    {
        if (shape < 1.0)
        {
            double boosted = Draw<TNormal>(ref rng, shape + 1.0);
            return boosted * Math.Pow(rng.NextOpenDouble(), 1.0 / shape);
        }

        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = TNormal.Next(ref rng);
                v = 1.0 + c * x;
            }
            while (v <= 0);

            v = v * v * v;
            double u = rng.NextOpenDouble();
            if (u < 1.0 - 0.0331 * x * x * x * x || Math.Log(u) < 0.5 * x * x + d * (1.0 - v + Math.Log(v)))
            {
                return d * v;
            }
        }
    }
}
