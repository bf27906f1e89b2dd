using System.Runtime.Intrinsics;

namespace RecForge.Randomness;

/// <summary>
/// A small, fast, value-type random generator (SplitMix64) seeded from a <see cref="StreamKey"/>.
/// </summary>
/// <remarks>
/// Every draw in RecForge comes from an <see cref="Rng"/> created for one (seed, entity kind, entity id, stream)
/// key, so any row can be produced without producing the rows before it, and no mutable random state is shared
/// between threads. SplitMix64 is the generator of Steele, Lea and Flood, "Fast splittable pseudorandom number
/// generators" (OOPSLA 2014); it passes BigCrush and its state is a single 64-bit counter.
/// </remarks>
public struct Rng
{
    private ulong _state;

    /// <summary>Creates a generator whose sequence is fully determined by <paramref name="key"/>.</summary>
    public Rng(ulong key) => _state = Mix(key ^ 0x6A09E667F3BCC909UL);

    /// <summary>Creates the generator for one entity's stream.</summary>
    public static Rng For(ulong seed, ulong kind, long id, ulong stream)
        => new(StreamKey.Combine(seed, kind, (ulong)id, stream));

    /// <summary>Next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64()
    {
        _state += Golden;
        return Mix(_state);
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform double in (0, 1): safe to take the logarithm of.</summary>
    public double NextOpenDouble() => ((NextUInt64() >> 11) + 0.5) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, <paramref name="n"/>) without modulo bias (Lemire's multiply-shift).</summary>
    public long NextInt64(long n)
    {
        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "Range must be positive.");
        }

        ulong un = (ulong)n;
        ulong x = NextUInt64();
        UInt128 m = (UInt128)x * un;
        ulong low = (ulong)m;
        if (low < un)
        {
            ulong threshold = (0UL - un) % un;
            while (low < threshold)
            {
                x = NextUInt64();
                m = (UInt128)x * un;
                low = (ulong)m;
            }
        }

        return (long)(m >> 64);
    }

    /// <summary>Uniform integer in [0, <paramref name="n"/>).</summary>
    public int NextInt32(int n) => (int)NextInt64(n);

    /// <summary>Standard normal draw (Box–Muller; one of the pair is discarded so the generator stays stateless).</summary>
    public double NextGaussian()
    {
        double u1 = NextOpenDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>
    /// The next eight outputs at once: lane k holds what the (k + 1)-th of eight <see cref="NextUInt64"/> calls would
    /// return, and the generator is left where those calls leave it. SplitMix64's state is a counter, so the eight
    /// states are known up front and mixed side by side; use it where <see cref="Vector512"/> is accelerated.
    /// </summary>
    internal Vector512<ulong> NextUInt64x8()
    {
        Vector512<ulong> z = Vector512.Create(_state) + EightSteps;
        _state += unchecked(8 * Golden);
        z = (z ^ (z >> 30)) * Vector512.Create(0xBF58476D1CE4E5B9UL);
        z = (z ^ (z >> 27)) * Vector512.Create(0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    private static readonly Vector512<ulong> EightSteps = unchecked(Vector512.Create(Golden, 2 * Golden, 3 * Golden, 4 * Golden, 5 * Golden, 6 * Golden, 7 * Golden, 8 * Golden));

    /// <summary>The SplitMix64 finaliser (a bijective avalanche mix of 64 bits).</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
