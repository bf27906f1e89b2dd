using System.Globalization;
using System.Net;
using System.Text;

namespace RecForge.Quality;

/// <summary>
/// Category labels under a chart's x axis that never overlap: horizontal when every label fits its slot, else rotated
/// 45° and thinned to every k-th label so neighbouring labels stay a line apart.
/// </summary>
internal static class ChartAxis
{
    /// <summary>Font size of axis text in the reports' SVG (px).</summary>
    public const double FontSize = 11;

    // Average glyph width of the reports' sans-serif at 11 px, and the longest label shown.
    private const double CharWidth = 6.2;
    private const int MaxChars = 14;

    /// <summary>
    /// SVG text for <paramref name="labels"/> centred at <paramref name="centre"/>(i), <paramref name="slot"/> px apart,
    /// hanging from <paramref name="baseline"/>.
    /// </summary>
    public static string Labels(IReadOnlyList<string> labels, Func<int, double> centre, double slot, double baseline)
    {
        var c = CultureInfo.InvariantCulture;
        string[] shown = [.. labels.Select(l => l.Length > MaxChars ? l[..(MaxChars - 1)] + "…" : l)];
        double widest = shown.DefaultIfEmpty("").Max(l => l.Length) * CharWidth;
        var svg = new StringBuilder();
        if (widest + 4 <= slot)
        {
            for (int i = 0; i < shown.Length; i++)
            {
                svg.Append(c, $"<text x=\"{centre(i):F1}\" y=\"{baseline + FontSize + 2:F1}\" text-anchor=\"middle\">{E(shown[i])}</text>");
            }

            return svg.ToString();
        }

        // Rotated labels are parallel lines: two neighbours dx apart are dx·sin 45° apart, which must exceed a line.
        int stride = (int)Math.Ceiling((FontSize + 2) / Math.Sin(Math.PI / 4) / Math.Max(slot, 1e-9));
        for (int i = 0; i < shown.Length; i += stride)
        {
            double x = centre(i), y = baseline + 8;
            svg.Append(c, $"<text x=\"{x:F1}\" y=\"{y:F1}\" text-anchor=\"end\" transform=\"rotate(-45 {x:F1} {y:F1})\">{E(shown[i])}</text>");
        }

        return svg.ToString();
    }

    /// <summary>Room below the axis that rotated labels of at most 14 characters need (px).</summary>
    public static double RotatedHeight => (MaxChars * CharWidth * Math.Sin(Math.PI / 4)) + 12;

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
