using RecForge.Randomness;
using RecForge.Text;
using RecForge.World;

namespace RecForge.Core.Tests.Text;

public class HashedTextEncoderTests
{
    [Theory]
    [InlineData(384)]
    [InlineData(100)] // a partial last word of 64 signs
    [InlineData(200)] // three words of 64 signs (sixteen lanes at a time where 512-bit vectors run) and eight signs
    public void Vectorised_encoding_has_the_bits_of_the_scalar_definition(int dimension)
    {
        string[] texts = ["The Last Heist", "A spy thriller set in Berlin, where an analyst uncovers a mole.", "", "42 Up"];
        var encoder = new HashedTextEncoder(1234, dimension);
        foreach (string text in texts)
        {
            var fast = new float[dimension];
            encoder.Encode([text], fast);
            Assert.Equal(Scalar(1234, text, dimension), fast);
        }
    }

    [Fact]
    public void Texts_that_share_words_are_closer()
    {
        var encoder = new HashedTextEncoder(7);
        var spy = new float[384];
        var spy2 = new float[384];
        var romance = new float[384];
        encoder.Encode(["a spy thriller in Berlin"], spy);
        encoder.Encode(["spy thriller set in cold war Berlin"], spy2);
        encoder.Encode(["two strangers fall in love at a wedding"], romance);
        Assert.True(VectorMath.DotFixed(spy, spy2) > VectorMath.DotFixed(spy, romance) + 0.3);
    }

    // The definition, one sign at a time: unigrams weigh 1, bigrams ½, each a ±1 direction from 64-bit draws.
    private static float[] Scalar(ulong key, string text, int dimension)
    {
        var v = new float[dimension];
        ulong previous = 0;
        foreach (string word in text.Split(' ', ',', '.').Where(w => w.Length > 0))
        {
            ulong h = 0xCBF29CE484222325UL;
            foreach (char c in word)
            {
                h ^= char.ToLowerInvariant(c);
                h *= 0x100000001B3UL;
            }

            Add(h, 1f);
            if (previous != 0)
            {
                Add(StreamKey.Combine(previous, h), 0.5f);
            }

            previous = h;
        }

        VectorMath.Normalize(v);
        return v;

        void Add(ulong token, float weight)
        {
            var rng = new Rng(StreamKey.Combine(key, token));
            for (int d = 0; d < dimension; d += 64)
            {
                ulong bits = rng.NextUInt64();
                for (int b = 0; b < 64 && d + b < dimension; b++)
                {
                    v[d + b] += ((bits >> b) & 1) == 0 ? weight : -weight;
                }
            }
        }
    }
}
