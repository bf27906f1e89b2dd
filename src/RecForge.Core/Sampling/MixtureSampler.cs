using RecForge.Randomness;

namespace RecForge.Sampling;

/// <summary>A weighted mixture: picks a component by weight, then draws from it.</summary>
internal sealed class MixtureSampler : IScalarSampler
{
    private readonly IScalarSampler[] _components;
    private readonly AliasTable _choice;

    /// <summary>Creates the mixture from components and their (unnormalised) weights.</summary>
    public MixtureSampler(IReadOnlyList<IScalarSampler> components, IReadOnlyList<double> weights)
    {
        if (components.Count != weights.Count || components.Count == 0)
        {
            throw new ArgumentException("A mixture needs one weight per component and at least one component.", nameof(weights));
        }

        _components = [.. components];
        _choice = new AliasTable([.. weights]);
    }

    /// <inheritdoc />
    public double Sample(ref Rng rng) => _components[_choice.Sample(ref rng)].Sample(ref rng);
}
