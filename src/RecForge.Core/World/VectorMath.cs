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

    /// <summary>Scales <paramref name="v"/> to unit length (leaves a zero vector alone).</summary>
    public static void Normalize(Span<float> v)
    {
        double norm = Math.Sqrt(Dot(v, v));
        if (norm > 0)
        {
            float inv = (float)(1.0 / norm);
            for (int i = 0; i < v.Length; i++)
            {
                v[i] *= inv;
            }
        }
    }

    /// <summary><paramref name="target"/> += <paramref name="weight"/> · <paramref name="v"/>.</summary>
    public static void AddScaled(Span<float> target, ReadOnlySpan<float> v, double weight)
    {
        float w = (float)weight;
        for (int i = 0; i < target.Length; i++)
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
