using System.Text;

namespace RecForge.Randomness;

/// <summary>Stable 64-bit keys for names and key tuples, identical on every machine and .NET version.</summary>
/// <remarks>
/// <see cref="string.GetHashCode()"/> is randomised per process, so names are hashed with FNV-1a over UTF-8
/// and then avalanched; tuples are combined by repeated mixing so (a, b) and (b, a) differ.
/// </remarks>
internal static class StreamKey
{
    /// <summary>The key of a name such as an entity kind, an attribute or a stream purpose.</summary>
    public static ulong Of(string name)
    {
        ulong h = 0xCBF29CE484222325UL;
        foreach (byte b in Encoding.UTF8.GetBytes(name))
        {
            h ^= b;
            h *= 0x100000001B3UL;
        }

        return Rng.Mix(h);
    }

    /// <summary>Combines two keys, order-sensitively.</summary>
    public static ulong Combine(ulong a, ulong b) => Rng.Mix(a * 0x9E3779B97F4A7C15UL + Rng.Mix(b + 0x632BE59BD9B4E019UL));

    /// <summary>Combines a seed, an entity kind, an entity id and a stream into one key.</summary>
    public static ulong Combine(ulong seed, ulong kind, ulong id, ulong stream)
        => Combine(Combine(Combine(seed, kind), id), stream);
}
