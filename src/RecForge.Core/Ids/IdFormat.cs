using System.Globalization;
using RecForge.Randomness;

namespace RecForge.Ids;

/// <summary>
/// How an entity's 0-based index becomes its id: a number, a pattern such as <c>user_{n}</c> or <c>U{0000}</c>, a
/// UUID, or the values of a catalogue file's column (<see cref="FromValues(long[])"/>).
/// </summary>
/// <remarks>
/// Patterns contain one placeholder: <c>{n}</c> is the 1-based number, <c>{0000}</c> the number zero-padded to the
/// placeholder's width. UUIDs are version 8 (RFC 9562 "custom"), derived from the seed, the entity kind and the
/// index, so the same dataset always has the same UUIDs and different seeds do not collide.
/// </remarks>
public sealed class IdFormat
{
    private readonly string _prefix = "";
    private readonly string _suffix = "";
    private readonly int _width;
    private readonly long[]? _numbers;
    private readonly string[]? _texts;

    private IdFormat(IdKind kind) => Kind = kind;

    private IdFormat(long[]? numbers, string[]? texts)
    {
        Kind = numbers is null ? IdKind.Pattern : IdKind.Int64;
        _numbers = numbers;
        _texts = texts;
    }

    private IdFormat(string prefix, int width, string suffix)
    {
        Kind = IdKind.Pattern;
        _prefix = prefix;
        _width = width;
        _suffix = suffix;
    }

    /// <summary>Integer ids 1..n.</summary>
    public static IdFormat Int64 { get; } = new(IdKind.Int64);

    /// <summary>Deterministic UUIDs.</summary>
    public static IdFormat Uuid { get; } = new(IdKind.Uuid);

    /// <summary>Ids read from a file: entity i has <paramref name="numbers"/>[i].</summary>
    public static IdFormat FromValues(long[] numbers) => new(numbers, null);

    /// <summary>Text ids read from a file: entity i has <paramref name="texts"/>[i].</summary>
    public static IdFormat FromValues(string[] texts) => new(null, texts);

    /// <summary>Whether the ids are a file's values rather than formed from the index.</summary>
    public bool IsListed => _numbers is not null || _texts is not null;

    /// <summary>What kind of value the id is.</summary>
    public IdKind Kind { get; }

    /// <summary>Parses <c>int64</c>, <c>uuid</c> or a pattern with one <c>{n}</c> / <c>{000}</c> placeholder.</summary>
    /// <exception cref="FormatException">The text is none of these.</exception>
    public static IdFormat Parse(string text)
    {
        if (text == "int64")
        {
            return Int64;
        }

        if (text == "uuid")
        {
            return Uuid;
        }

        int open = text.IndexOf('{', StringComparison.Ordinal);
        int close = open < 0 ? -1 : text.IndexOf('}', open);
        if (open < 0 || close < 0 || text.IndexOf('{', close) >= 0)
        {
            throw new FormatException($"id format '{text}' must be int64, uuid, or a pattern with one placeholder such as user_{{n}} or U{{0000}}");
        }

        string inner = text[(open + 1)..close];
        int width = inner == "n" ? 0 : inner.Length > 0 && inner.All(c => c == '0') ? inner.Length : -1;
        if (width < 0)
        {
            throw new FormatException($"id placeholder '{{{inner}}}' must be {{n}} or zeros such as {{0000}}");
        }

        return new IdFormat(text[..open], width, text[(close + 1)..]);
    }

    /// <summary>The integer id of a 0-based index (its 1-based number).</summary>
    public static long Number(long index) => index + 1;

    /// <summary>The integer id of a 0-based index in this format: the listed value, or the 1-based number.</summary>
    public long NumberOf(long index) => _numbers is null ? Number(index) : _numbers[index];

    /// <summary>The text id of a 0-based index, for <see cref="IdKind.Pattern"/>.</summary>
    public string Format(long index)
    {
        if (_texts is not null)
        {
            return _texts[index];
        }

        long n = Number(index);
        string digits = _width > 0 ? n.ToString(new string('0', _width), CultureInfo.InvariantCulture) : n.ToString(CultureInfo.InvariantCulture);
        return string.Concat(_prefix, digits, _suffix);
    }

    /// <summary>The deterministic UUID of an index for a seed and entity kind.</summary>
    public static Guid MakeUuid(ulong seed, ulong kind, long index)
    {
        ulong hi = StreamKey.Combine(seed, kind, (ulong)index, 0x55554944UL);
        ulong lo = Rng.Mix(hi ^ 0xD1B54A32D192ED03UL);
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, hi);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], lo);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }
}
