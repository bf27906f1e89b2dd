using System.Globalization;

namespace RecForge.Generation;

/// <summary>Which share of the partitions a process generates: partitions whose plan position p has p mod Count == Index.</summary>
/// <param name="Index">This shard, 0-based.</param>
/// <param name="Count">Number of shards.</param>
public readonly record struct ShardSpec(int Index, int Count)
{
    /// <summary>The whole run in one process.</summary>
    public static ShardSpec All => new(0, 1);

    /// <summary>Whether this is one shard of several.</summary>
    public bool IsPartial => Count > 1;

    /// <summary>Parses <c>i/n</c> with 0 ≤ i &lt; n.</summary>
    /// <exception cref="FormatException">The text is not a valid shard.</exception>
    public static ShardSpec Parse(string text)
    {
        string[] parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            && count >= 1 && index < count)
        {
            return new ShardSpec(index, count);
        }

        throw new FormatException($"--shard '{text}' must be i/n with 0 <= i < n, e.g. 0/4");
    }

    /// <summary>Whether the partition at plan position <paramref name="position"/> belongs to this shard.</summary>
    public bool Owns(int position) => position % Count == Index;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
