using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RecForge.World;

/// <summary>Small dense-vector operations on spans used by the world model and embeddings.</summary>
internal static class VectorMath
{
    /// <summary>Dot product.</summary>
    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    // Compiled optimised from the first call, as every vector kernel of item embeddings is (EmbeddingBuilder.Project,
    // NormalQuantiles.AddNoise, HashedTextEncoder.Accumulate, Scale, AddScaled): unoptimised code of Vector256 paths is
    // many times slower, and a default-size run ends before tiering replaces it (the 10,000-item catalogue: 1.44 →
    // 1.0 s, docs/benchmarks.md).
    /// <summary>
    /// Dot product in single precision over eight fixed lanes (lane k sums elements k, k + 8, …; the lanes are added
    /// pairwise, then the tail in order), so the result has the same bits on every machine whatever its vector width:
    /// <see cref="Vector256{T}"/> is emulated with the same per-lane arithmetic where AVX is missing, and no fused
    /// multiply–add is used.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float DotFixed(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int n = Math.Min(a.Length, b.Length);
        int blocks = n / 8;
        Vector256<float> sum = Vector256<float>.Zero;
        ReadOnlySpan<Vector256<float>> va = MemoryMarshal.Cast<float, Vector256<float>>(a[..(blocks * 8)]);
        ReadOnlySpan<Vector256<float>> vb = MemoryMarshal.Cast<float, Vector256<float>>(b[..(blocks * 8)]);
        for (int i = 0; i < va.Length; i++)
        {
            sum += va[i] * vb[i];
        }

        Vector128<float> half = sum.GetLower() + sum.GetUpper();
        float total = (half.GetElement(0) + half.GetElement(2)) + (half.GetElement(1) + half.GetElement(3));
        for (int i = blocks * 8; i < n; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }

    /// <summary>Scales <paramref name="v"/> to unit length (leaves a zero vector alone).</summary>
    public static void Normalize(Span<float> v)
    {
        double norm = Math.Sqrt(Dot(v, v));
        if (norm > 0)
        {
            Scale(v, (float)(1.0 / norm));
        }
    }

    /// <summary>
    /// Scales <paramref name="v"/> to unit length with the norm from <see cref="DotFixed"/> (the same bits on every
    /// machine, in a fraction of <see cref="Normalize"/>'s time); leaves a zero vector alone.
    /// </summary>
    public static void NormalizeFixed(Span<float> v)
    {
        float squares = DotFixed(v, v);
        if (squares > 0)
        {
            Scale(v, 1f / MathF.Sqrt(squares));
        }
    }

    // The 512- and 256-bit loops and the scalar tail do the same one operation per element, so the bits do not depend
    // on which of them a machine runs (AddScaled likewise).
    /// <summary><paramref name="v"/> *= <paramref name="factor"/>, element by element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Scale(Span<float> v, float factor)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> f = Vector512.Create(factor);
            for (; i + 16 <= v.Length; i += 16)
            {
                ref float at = ref v[i];
                (Vector512.LoadUnsafe(ref at) * f).StoreUnsafe(ref at);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> f = Vector256.Create(factor);
            for (; i + 8 <= v.Length; i += 8)
            {
                ref float at = ref v[i];
                (Vector256.LoadUnsafe(ref at) * f).StoreUnsafe(ref at);
            }
        }

        for (; i < v.Length; i++)
        {
            v[i] *= factor;
        }
    }

    /// <summary>
    /// <paramref name="target"/> += <paramref name="weight"/> · <paramref name="v"/>. Each element is one float
    /// multiply and one add (no fused multiply–add) whether or not it runs in a vector, so the bits never depend on the
    /// machine.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddScaled(Span<float> target, ReadOnlySpan<float> v, double weight)
    {
        float w = (float)weight;
        v = v[..target.Length];
        ref float source = ref MemoryMarshal.GetReference(v);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> vw = Vector512.Create(w);
            for (; i + 16 <= target.Length; i += 16)
            {
                ref float at = ref target[i];
                (Vector512.LoadUnsafe(ref at) + (vw * Vector512.LoadUnsafe(ref source, (nuint)i))).StoreUnsafe(ref at);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> vw = Vector256.Create(w);
            for (; i + 8 <= target.Length; i += 8)
            {
                ref float at = ref target[i];
                (Vector256.LoadUnsafe(ref at) + (vw * Vector256.LoadUnsafe(ref source, (nuint)i))).StoreUnsafe(ref at);
            }
        }

        for (; i < target.Length; i++)
        {
            target[i] += w * v[i];
        }
    }

    /// <summary>Adds isotropic Gaussian noise whose expected norm is <paramref name="scale"/>.</summary>
    public static void AddNoise(Span<float> target, ref Randomness.Rng rng, double scale)
    {
        double perDimension = scale / Math.Sqrt(target.Length);
        for (int i = 0; i < target.Length; i++)
        {
            target[i] += (float)(perDimension * rng.NextGaussian());
        }
    }

    /// <summary>A unit vector in a uniformly random direction.</summary>
    public static float[] RandomUnit(ref Randomness.Rng rng, int dimensions)
    {
        var v = new float[dimensions];
        for (int i = 0; i < dimensions; i++)
        {
            v[i] = (float)rng.NextGaussian();
        }

        Normalize(v);
        return v;
    }
}
