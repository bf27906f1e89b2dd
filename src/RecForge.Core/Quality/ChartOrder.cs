using System.Globalization;

namespace RecForge.Quality;

/// <summary>
/// The natural order of a chart's categories: weekdays Monday first, numbers (and buckets such as <c>2^03</c> or
/// <c>4–7</c>) by value, anything else alphabetically.
/// </summary>
internal static class ChartOrder
{
    private static readonly string[] Weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    public static string[] Sort(IEnumerable<string> labels)
    {
        string[] all = [.. labels.Distinct(StringComparer.Ordinal)];
        if (all.All(l => Array.IndexOf(Weekdays, l.Length >= 3 ? l[..3] : l) >= 0))
        {
            return [.. all.OrderBy(l => Array.IndexOf(Weekdays, l[..3]))];
        }

        if (all.All(l => Number(l) is not null))
        {
            return [.. all.OrderBy(l => Number(l)!.Value).ThenBy(l => l, StringComparer.Ordinal)];
        }

        return [.. all.Order(StringComparer.Ordinal)];
    }

    /// <summary><paramref name="counts"/> rebuilt in <see cref="Sort"/> order (serialisers keep insertion order).</summary>
    public static Dictionary<string, double> Ordered(Dictionary<string, double> counts)
    {
        var ordered = new Dictionary<string, double>(counts.Count, StringComparer.Ordinal);
        foreach (string label in Sort(counts.Keys))
        {
            ordered[label] = counts[label];
        }

        return ordered;
    }

    // A label's value: a number, a power "2^k", or the first number of a range "a–b" / "a-b".
    private static double? Number(string label)
    {
        string text = label.StartsWith("2^", StringComparison.Ordinal) ? label[2..] : label;
        int dash = text.IndexOfAny(['–', '-'], 1);
        if (dash > 0)
        {
            text = text[..dash];
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? (label.StartsWith("2^", StringComparison.Ordinal) ? Math.Pow(2, v) : v) : null;
    }
}
