using System.Globalization;
using System.Text.Json;

namespace RecForge.Reading;

/// <summary>
/// Parses one text cell into a typed column, as RecForge's text formats write them: invariant numbers, UUIDs,
/// ISO-8601 UTC timestamps, and lists and vectors as JSON arrays.
/// </summary>
internal static class TextCell
{
    /// <summary>Parses <paramref name="text"/> into row <paramref name="row"/> of <paramref name="column"/>; false when it does not parse.</summary>
    /// <exception cref="NotSupportedException">The column's type has no text form.</exception>
    public static bool TryParse(Array column, int row, string text)
    {
        switch (column)
        {
            case long[] l:
                return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out l[row]);
            case double[] d:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out d[row]);
            case string[] s:
                s[row] = text;
                return true;
            case Guid[] g:
                return Guid.TryParse(text, out g[row]);
            case DateTime[] t:
                return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out t[row]);
            case string[][] lists:
                return TryJson(text, out lists[row]);
            case float[][] vectors:
                return TryJson(text, out vectors[row]);
            default:
                throw new NotSupportedException(column.GetType().Name);
        }
    }

    private static bool TryJson<T>(string text, out T[] value)
    {
        try
        {
            value = JsonSerializer.Deserialize<T[]>(text) ?? [];
            return true;
        }
        catch (JsonException)
        {
            value = [];
            return false;
        }
    }
}
