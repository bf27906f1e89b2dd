namespace RecForge.Quality;

/// <summary>
/// Maps ids of any column type (int64, UUID, string) to dense indexes 0..n−1 through a 128-bit key, so joins and
/// per-id counters need no per-row allocation. Strings are keyed by two independent 64-bit FNV-1a hashes (a collision
/// needs both to collide: about n²/2¹²⁸).
/// </summary>
internal sealed class KeyIndex
{
    private readonly Dictionary<UInt128, int> _index = [];

    /// <summary>Number of distinct keys added.</summary>
    public int Count => _index.Count;

    /// <summary>The key of row <paramref name="row"/> of an id column (long[], Guid[] or string[]).</summary>
    public static UInt128 KeyOf(Array column, int row) => column switch
    {
        long[] l => (UInt128)(ulong)l[row],
        Guid[] g => Pack(g[row]),
        string[] s => Hash(s[row] ?? ""),
        double[] d => (UInt128)(ulong)BitConverter.DoubleToInt64Bits(d[row]) + ((UInt128)1 << 100),
        _ => throw new InvalidDataException($"an id column of {column.GetType().Name} is not supported"),
    };

    /// <summary>Adds a key; returns false when it was already there.</summary>
    public bool Add(UInt128 key) => _index.TryAdd(key, _index.Count);

    /// <summary>The index of a key, or −1.</summary>
    public int Find(UInt128 key) => _index.TryGetValue(key, out int i) ? i : -1;

    /// <summary>The index of a key, adding it when new.</summary>
    public int FindOrAdd(UInt128 key)
    {
        if (!_index.TryGetValue(key, out int i))
        {
            i = _index.Count;
            _index[key] = i;
        }

        return i;
    }

    private static UInt128 Pack(Guid g)
    {
        Span<byte> bytes = stackalloc byte[16];
        g.TryWriteBytes(bytes);
        return new UInt128(BitConverter.ToUInt64(bytes), BitConverter.ToUInt64(bytes[8..]));
    }

    private static UInt128 Hash(string s)
    {
        ulong a = 14695981039346656037UL, b = 0x84222325CBF29CE4UL;
        foreach (char c in s)
        {
            a = (a ^ c) * 1099511628211UL;
            b = (b ^ (uint)(c + 0x9E37)) * 0x100000001B3UL;
            b ^= b >> 29;
        }

        return new UInt128(a, b) | ((UInt128)1 << 127);
    }
}
