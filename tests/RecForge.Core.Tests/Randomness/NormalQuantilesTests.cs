using RecForge.Randomness;

namespace RecForge.Core.Tests.Randomness;

public class NormalQuantilesTests
{
    [Fact]
    public void The_table_is_the_normal_distribution_quantised()
    {
        float[] table = NormalQuantiles.Table;
        Assert.Equal(65536, table.Length);
        double sum = 0;
        double squares = 0;
        for (int k = 0; k < table.Length; k++)
        {
            if (k > 0)
            {
                Assert.True(table[k] > table[k - 1], $"cell {k} is not above cell {k - 1}");
            }

            // Symmetric about zero: cell k and its mirror are negatives (to float rounding of Acklam's approximation).
            Assert.Equal(-table[k], table[table.Length - 1 - k], 1e-5);
            sum += table[k];
            squares += (double)table[k] * table[k];
        }

        // Known values of Φ⁻¹: the median cells straddle 0, the cell at p = 0.975 (k = 63,897) is 1.96.
        Assert.Equal(1.959964, table[63897], 3e-4);
        Assert.Equal(4.3252, table[^1], 1e-3); // Φ⁻¹(1 − 2⁻¹⁷)
        Assert.Equal(0, sum / table.Length, 1e-6);

        // Cutting the tails at ±4.33σ and quantising to cell midpoints lose well under 0.1% of the variance.
        Assert.Equal(1.0, squares / table.Length, 1e-3);
    }

    [Fact]
    public void Noise_has_the_requested_scale_and_is_reproducible()
    {
        var a = new float[1027]; // not a multiple of four: the tail takes a fresh draw
        var b = new float[1027];
        var rng = new Rng(5);
        NormalQuantiles.AddNoise(a, ref rng, 0.5f);
        rng = new Rng(5);
        NormalQuantiles.AddNoise(b, ref rng, 0.5f);
        Assert.Equal(a, b);

        double squares = 0;
        foreach (float v in a)
        {
            squares += v * v;
        }

        // 1,027 draws of 0.5·N(0, 1): the sample variance 0.25 has a standard error of 0.25·√(2/1027) ≈ 0.011; 4 SE.
        Assert.Equal(0.25, squares / a.Length, 0.045);
        Assert.NotEqual(0f, a[^1]);
    }

    [Theory]
    [InlineData(1027)] // 32 at a time where 512-bit vectors run, then four at a time, then a tail of three
    [InlineData(31)]
    [InlineData(64)]
    public void Noise_has_the_bits_of_the_scalar_definition(int length)
    {
        var rng = new Rng(11);
        var target = new float[length];
        var expected = new float[length];
        for (int i = 0; i < length; i++)
        {
            target[i] = expected[i] = (float)rng.NextDouble();
        }

        // The definition: four 16-bit cells per 64-bit draw, low bits first; a partial last draw for the tail.
        var reference = new Rng(9);
        for (int i = 0; i < length; i += 4)
        {
            ulong bits = reference.NextUInt64();
            for (int k = 0; k < 4 && i + k < length; k++)
            {
                expected[i + k] += 0.3f * NormalQuantiles.Table[(int)((bits >> (16 * k)) & 0xFFFF)];
            }
        }

        var draws = new Rng(9);
        NormalQuantiles.AddNoise(target, ref draws, 0.3f);
        Assert.Equal(expected, target);
        Assert.Equal(reference.NextUInt64(), draws.NextUInt64()); // the generator is left where the draws leave it
    }
}
