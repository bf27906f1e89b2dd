using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using RecForge.Randomness;
using RecForge.World;

namespace RecForge.Text;

/// <summary>
/// A deterministic text encoder: lower-cased word unigrams and bigrams, each hashed to a fixed random ±1 direction
/// (a sparse random projection, Achlioptas 2003), summed and L2-normalised. Texts that share words get similar vectors.
/// </summary>
/// <remarks>
/// The same token always maps to the same direction for a given key, with no vocabulary or model file; 64 random bits
/// give 64 signs, so a 384-d token vector costs six generator steps.
/// This is the default encoder of <c>generate</c> and <c>cluster</c>: about a thousand times faster than a sentence
/// model, but it only knows shared words (a paraphrase with other words is not close).
/// </remarks>
/// <param name="key">Seeds the token directions.</param>
/// <param name="dimension">The width of the vectors <see cref="Encode(IReadOnlyList{string}, float[][])"/> writes.</param>
public sealed class HashedTextEncoder(ulong key, int dimension = 384) : ITextEncoder
{
    /// <inheritdoc/>
    public string Name => "hashed";

    /// <inheritdoc/>
    public int Dimension => dimension;

    /// <inheritdoc/>
    public void Encode(IReadOnlyList<string> texts, float[][] destination)
    {
        for (int i = 0; i < texts.Count; i++)
        {
            Encode([texts[i]], destination[i]);
        }
    }

    // AggressiveOptimization: see VectorMath.DotFixed.
    /// <summary>Adds the encoding of <paramref name="text"/> into <paramref name="destination"/> (not normalised).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Accumulate(ReadOnlySpan<char> text, Span<float> destination)
    {
        ulong previous = 0;
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            int start = i;
            ulong h = 0xCBF29CE484222325UL;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                h ^= char.ToLowerInvariant(text[i]);
                h *= 0x100000001B3UL;
                i++;
            }

            if (i == start)
            {
                break;
            }

            AddToken(h, 1.0f, destination);
            if (previous != 0)
            {
                AddToken(StreamKey.Combine(previous, h), 0.5f, destination);
            }

            previous = h;
        }
    }

    /// <summary>Encodes texts into a unit vector.</summary>
    public void Encode(ReadOnlySpan<string> texts, Span<float> destination)
    {
        destination.Clear();
        foreach (string t in texts)
        {
            Accumulate(t, destination);
        }

        VectorMath.Normalize(destination);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddToken(ulong token, float weight, Span<float> destination)
    {
        var rng = new Rng(StreamKey.Combine(key, token));
        int d = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // Sixteen signs at a time: lane b is −weight where bit b of the sixteen is set (the weight's sign bit
            // flipped), +weight where it is clear — exactly the ±weight of the table below and of the scalar loop.
            Vector512<uint> magnitude = Vector512.Create(BitConverter.SingleToUInt32Bits(weight));
            Vector512<uint> lane = Vector512.Create(1u, 2u, 4u, 8u, 16u, 32u, 64u, 128u, 256u, 512u, 1024u, 2048u, 4096u, 8192u, 16384u, 32768u);
            Vector512<uint> signBit = Vector512.Create(0x8000_0000u);
            for (; d + 64 <= destination.Length; d += 64)
            {
                ulong bits = rng.NextUInt64();
                ref float target = ref destination[d];
                for (int k = 0; k < 4; k++)
                {
                    Vector512<uint> set = Vector512.Equals(Vector512.Create((uint)(bits >> (16 * k))) & lane, lane);
                    Vector512<float> signed = (magnitude ^ (set & signBit)).AsSingle();
                    ref float at = ref Unsafe.Add(ref target, 16 * k);
                    (Vector512.LoadUnsafe(ref at) + signed).StoreUnsafe(ref at);
                }
            }
        }

        Vector256<float> w = Vector256.Create(weight);
        ref float signs = ref MemoryMarshal.GetArrayDataReference(Signs);
        for (; d + 64 <= destination.Length; d += 64)
        {
            ulong bits = rng.NextUInt64();
            ref float target = ref destination[d];
            for (int k = 0; k < 8; k++)
            {
                // Eight signs at a time from a 256-entry table: each lane adds exactly ±weight, as the scalar loop did.
                Vector256<float> sign = Vector256.LoadUnsafe(ref signs, (nuint)(((bits >> (8 * k)) & 0xFF) * 8));
                ref float at = ref Unsafe.Add(ref target, 8 * k);
                (Vector256.LoadUnsafe(ref at) + (sign * w)).StoreUnsafe(ref at);
            }
        }

        if (d < destination.Length)
        {
            ulong bits = rng.NextUInt64();
            for (int b = 0; d + b < destination.Length; b++)
            {
                destination[d + b] += ((bits >> b) & 1) == 0 ? weight : -weight;
            }
        }
    }

    // Signs[8m + b] = +1 where bit b of m is 0, −1 where it is 1.
    private static readonly float[] Signs = BuildSigns();

    private static float[] BuildSigns()
    {
        var signs = new float[256 * 8];
        for (int m = 0; m < 256; m++)
        {
            for (int b = 0; b < 8; b++)
            {
                signs[(8 * m) + b] = ((m >> b) & 1) == 0 ? 1f : -1f;
            }
        }

        return signs;
    }
}
