using RecForge.Randomness;

namespace RecForge.Core.Tests.Randomness;

public class FeistelPermutationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(1000)]
    [InlineData(65_537)]
    public void Is_a_bijection_with_a_working_inverse(long n)
    {
        var p = new FeistelPermutation(n, 123);
        var seen = new bool[n];
        for (long i = 0; i < n; i++)
        {
            long image = p.Forward(i);
            Assert.InRange(image, 0, n - 1);
            Assert.False(seen[image]);
            seen[image] = true;
            Assert.Equal(i, p.Inverse(image));
        }
    }

    [Fact]
    public void Shuffles_instead_of_keeping_order()
    {
        var p = new FeistelPermutation(10_000, 7);
        int fixedPoints = 0;
        for (long i = 0; i < 10_000; i++)
        {
            fixedPoints += p.Forward(i) == i ? 1 : 0;
        }

        // A random permutation has ~1 fixed point on average.
        Assert.InRange(fixedPoints, 0, 10);
    }
}
