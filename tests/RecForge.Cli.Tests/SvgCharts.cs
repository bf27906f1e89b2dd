using System.Globalization;
using System.Text.RegularExpressions;

namespace RecForge.Cli.Tests;

/// <summary>Geometry of the reports' inline SVG charts, read back from the text and shape positions.</summary>
internal static partial class SvgCharts
{
    // The reports' axis font (ChartAxis.FontSize) and the average glyph width assumed for it.
    private const double FontSize = 11, CharWidth = 6.2;

    /// <summary>Each chart: its caption and its SVG.</summary>
    public static List<(string Caption, string Svg)> Figures(string html)
        => [.. Figure().Matches(html).Select(m => (System.Net.WebUtility.HtmlDecode(m.Groups[1].Value), m.Groups[2].Value))];

    /// <summary>The x-axis category labels of a chart, in document order: (x, y, rotated, text).</summary>
    public static List<(double X, double Y, bool Rotated, string Text)> AxisLabels(string svg)
        => [.. Text().Matches(svg).Where(m => !m.Groups[0].Value.Contains("class=\"tick\"", StringComparison.Ordinal))
            .Select(m => (D(m.Groups["x"].Value), D(m.Groups["y"].Value), m.Groups[0].Value.Contains("rotate(-45", StringComparison.Ordinal), System.Net.WebUtility.HtmlDecode(m.Groups["t"].Value)))];

    /// <summary>Fails when two labels on one baseline overlap: horizontal ones by their estimated widths, rotated ones by line spacing.</summary>
    public static void AssertNoOverlap(string caption, string svg)
    {
        foreach (var line in AxisLabels(svg).GroupBy(l => (l.Y, l.Rotated)).Where(g => g.Count() > 1))
        {
            var labels = line.OrderBy(l => l.X).ToList();
            for (int i = 1; i < labels.Count; i++)
            {
                double gap = labels[i].X - labels[i - 1].X;
                double need = line.Key.Rotated ? FontSize / Math.Sin(Math.PI / 4) : ((labels[i].Text.Length + labels[i - 1].Text.Length) * CharWidth / 2) + 2;
                Assert.True(gap >= need - 0.5, $"{caption}: '{labels[i - 1].Text}' and '{labels[i].Text}' are {gap:F1} px apart, need {need:F1}");
            }
        }
    }

    /// <summary>Labelled y ticks of a chart (the evaluate report marks them).</summary>
    public static int YTicks(string svg) => Text().Matches(svg).Count(m => m.Groups[0].Value.Contains("class=\"tick\"", StringComparison.Ordinal));

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [GeneratedRegex("<figure><figcaption>(.*?)</figcaption>(<svg.*?</svg>)</figure>", RegexOptions.Singleline)]
    private static partial Regex Figure();

    [GeneratedRegex("<text[^>]*? x=\"(?<x>-?[0-9.]+)\" y=\"(?<y>-?[0-9.]+)\"[^>]*>(?<t>[^<]*)</text>")]
    private static partial Regex Text();
}
