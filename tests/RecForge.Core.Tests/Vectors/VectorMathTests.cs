using RecForge.Randomness;
using RecForge.World;

namespace RecForge.Core.Tests.Vectors;

public class VectorMathTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(37)] // four vectors of eight and a tail of five
    [InlineData(61)] // with 512-bit vectors: three of sixteen, one of eight and a tail of five
    [InlineData(512)]
    public void Vectorised_scaled_addition_and_scaling_have_the_bits_of_the_scalar_loops(int length)
    {
        var rng = new Rng(3);
        float[] target = Random(ref rng, length);
        float[] v = Random(ref rng, length);
        float[] expected = (float[])target.Clone();
        const float Weight = 0.37f;
        for (int i = 0; i < length; i++)
        {
            expected[i] += Weight * v[i];
        }

        VectorMath.AddScaled(target, v, Weight);
        Assert.Equal(expected, target);

        for (int i = 0; i < length; i++)
        {
            expected[i] *= 1.5f;
        }

        VectorMath.Scale(target, 1.5f);
        Assert.Equal(expected, target);
    }

    [Fact]
    public void Fixed_normalisation_gives_unit_vectors_and_leaves_zero_alone()
    {
        var rng = new Rng(4);
        float[] v = Random(ref rng, 1024);
        VectorMath.NormalizeFixed(v);
        Assert.Equal(1.0, VectorMath.Dot(v, v), 1e-5);
        var zero = new float[16];
        VectorMath.NormalizeFixed(zero);
        Assert.All(zero, x => Assert.Equal(0f, x));
    }

    private static float[] Random(ref Rng rng, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)rng.NextGaussian();
        }

        return values;
    }
}
