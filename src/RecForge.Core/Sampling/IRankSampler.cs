using RecForge.Randomness;

namespace RecForge.Sampling;

/// <summary>Draws a popularity rank in 1..n (1 = the most popular item).</summary>
/// <remarks>
/// A draw depends on the generator only, never on state of the sampler's own: samplers are shared by threads, and
/// preference picks draw attempts ahead on a copy of the generator and keep only those they judge
/// (<c>PreferenceChooser</c>), which gives the same picks only if discarded draws leave nothing behind.
/// </remarks>
internal interface IRankSampler
{
    /// <summary>Draws one rank.</summary>
    long SampleRank(ref Rng rng);
}
