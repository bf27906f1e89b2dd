using RecForge.Randomness;

namespace RecForge.Sampling;

/// <summary>Draws a popularity rank in 1..n (1 = the most popular item).</summary>
internal interface IRankSampler
{
    /// <summary>Draws one rank.</summary>
    long SampleRank(ref Rng rng);
}
