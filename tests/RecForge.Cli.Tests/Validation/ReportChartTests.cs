using System.Globalization;
using System.Text.RegularExpressions;

namespace RecForge.Cli.Tests.Validation;

/// <summary>The validation report's charts: labels that never overlap, and the Zipf line drawn over the ranks it was fitted to.</summary>
public sealed partial class ReportChartTests : IDisposable
{
    private readonly string _root = Cli.TempDirectory();

    [Fact]
    public void Category_labels_do_not_overlap_and_the_zipf_line_runs_through_its_points()
    {
        string dir = Path.Combine(_root, "media");
        Assert.Equal(0, Cli.Run("generate", "media", "--out", dir, "--items", "3000", "--users", "400", "--interactions", "20000").ExitCode);
        Cli.Run("validate", dir);
        string html = File.ReadAllText(Path.Combine(dir, "_report", "report.html"));
        var figures = SvgCharts.Figures(html);
        Assert.Contains(figures, f => f.Caption.StartsWith("genre shares", StringComparison.Ordinal));
        foreach (var (caption, svg) in figures)
        {
            SvgCharts.AssertNoOverlap(caption, svg);
        }

        // The rank plot: the fitted line's points lie on both sides of it (least squares over the fitted ranks), so their
        // mean vertical distance to it is near 0 — the old line, pinned to the top item, sat above them all.
        string rank = figures.Single(f => f.Caption.Contains("rank", StringComparison.OrdinalIgnoreCase)).Svg;
        Match line = FitLine().Match(rank);
        Assert.True(line.Success, "no fitted line");
        double x1 = D(line.Groups[1].Value), y1 = D(line.Groups[2].Value), x2 = D(line.Groups[3].Value), y2 = D(line.Groups[4].Value);
        double[] offsets = [.. Point().Matches(rank).Select(m => (X: D(m.Groups[1].Value), Y: D(m.Groups[2].Value)))
            .Where(p => p.X >= x1 && p.X <= x2)
            .Select(p => p.Y - (y1 + ((y2 - y1) * (p.X - x1) / (x2 - x1))))];
        Assert.True(offsets.Length >= 3, $"{offsets.Length} points under the line");
        Assert.True(Math.Abs(offsets.Average()) < 6, $"points sit {offsets.Average():F1} px from the line on average");
        Assert.Contains(offsets, o => o > 0);
        Assert.Contains(offsets, o => o < 0);
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [GeneratedRegex("<line x1=\"([0-9.]+)\" y1=\"([0-9.]+)\" x2=\"([0-9.]+)\" y2=\"([0-9.]+)\" stroke=\"#e15759\" stroke-width=\"2\"/>")]
    private static partial Regex FitLine();

    [GeneratedRegex("<circle cx=\"([0-9.]+)\" cy=\"([0-9.]+)\"")]
    private static partial Regex Point();

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
