using RecForge.Randomness;

namespace RecForge.Sampling;

/// <summary>Dirichlet(alpha_1..alpha_k): a random point on the simplex, drawn by normalising Gamma(alpha_i) draws.</summary>
internal sealed class DirichletSampler
{
    private readonly double[] _alpha;

    /// <summary>Creates the sampler; every concentration must be positive.</summary>
    public DirichletSampler(IReadOnlyList<double> alpha)
    {
        if (alpha.Count == 0)
        {
            throw new ArgumentException("Dirichlet needs at least one concentration.", nameof(alpha));
        }

        _alpha = new double[alpha.Count];
        for (int i = 0; i < alpha.Count; i++)
        {
            if (!(alpha[i] > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(alpha), $"Dirichlet concentrations must be > 0, got {alpha[i]}.");
            }

            _alpha[i] = alpha[i];
        }
    }

    /// <summary>The dimension k.</summary>
    public int Dimension => _alpha.Length;

    /// <summary>Writes one draw into <paramref name="destination"/> (length k); the values sum to 1.</summary>
    public void Sample(ref Rng rng, Span<float> destination)
    {
        double sum = 0;
        Span<double> g = _alpha.Length <= 64 ? stackalloc double[_alpha.Length] : new double[_alpha.Length];
        for (int i = 0; i < _alpha.Length; i++)
        {
            g[i] = GammaSampler.Draw(ref rng, _alpha[i]);
            sum += g[i];
        }

        for (int i = 0; i < _alpha.Length; i++)
        {
            destination[i] = (float)(g[i] / sum);
        }
    }
}
