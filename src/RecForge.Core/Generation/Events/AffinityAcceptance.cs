using RecForge.World;

namespace RecForge.Generation.Events;

/// <summary>
/// The accept step of preference picks, <c>u &lt; affinity(cos)</c>, decided mostly from a table: the affinity is
/// monotone in the cosine, so its values at the ends of the cosine's bin bound it, and only a uniform that falls between
/// the bounds (about 0.4% of them at sharpness 8 and 1,024 bins) needs the exact logistic. Same answers, no
/// <see cref="Math.Exp"/> on nearly every attempt.
/// </summary>
internal sealed class AffinityAcceptance
{
    private const int Bins = 1024;

    // Cosines of unit float vectors stay within a few ulps of [−1, 1]; the table covers a little more, and anything
    // outside goes the exact way.
    private const double Low = -1.01, High = 1.01;
    private const double Scale = Bins / (High - Low);

    // The bounds are widened by a relative 1e-9, far more than any rounding of exp (a few ulps, ~1e-16), so that a
    // bound never claims more than the exact evaluation gives.
    private const double Slack = 1e-9;

    private readonly WorldModel _world;
    private readonly double[] _lower = new double[Bins];
    private readonly double[] _upper = new double[Bins];

    /// <summary>Tabulates the affinity bounds of <paramref name="world"/>.</summary>
    public AffinityAcceptance(WorldModel world)
    {
        _world = world;
        for (int i = 0; i < Bins; i++)
        {
            double a = world.Affinity(Low + i / Scale), b = world.Affinity(Low + (i + 1) / Scale);

            // Sharpness may be zero or negative (affinity flat or falling with the cosine): bound by both ends.
            _lower[i] = Math.Min(a, b) * (1 - Slack);
            _upper[i] = Math.Max(a, b) * (1 + Slack);
        }
    }

    /// <summary>Whether <paramref name="u"/> &lt; affinity(<paramref name="cos"/>), exactly as computing the affinity would say.</summary>
    public bool Accepts(double u, double cos)
    {
        double position = (cos - Low) * Scale;
        if (position >= 0 && position < Bins)
        {
            int bin = (int)position;
            if (u < _lower[bin])
            {
                return true;
            }

            if (u >= _upper[bin])
            {
                return false;
            }
        }

        return u < _world.Affinity(cos);
    }
}
