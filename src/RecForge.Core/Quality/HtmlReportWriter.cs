using System.Globalization;
using System.Net;
using System.Text;

namespace RecForge.Quality;

/// <summary>Renders a <see cref="ValidationReport"/> as one self-contained HTML page: a check table and inline SVG charts (no scripts, no external assets).</summary>
public static class HtmlReportWriter
{
    // Bottom leaves room for category labels rotated 45° (ChartAxis.RotatedHeight, about 73 px).
    private const int W = 560, H = 340, Left = 56, Bottom = 84, Top = 24, Right = 16;

    // Ten categorical colours (Tableau 10), then they repeat.
    private static readonly string[] Palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

    /// <summary>The page's HTML.</summary>
    public static string Render(ValidationReport report)
    {
        var html = new StringBuilder();
        int failed = report.Checks.Count(c => c.Passed == false);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>RecForge validation: ").Append(E(report.Dataset)).Append("</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;font-size:13px}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}")
            .Append(".pass{color:#2a7d2a;font-weight:600}.fail{color:#c0392b;font-weight:600}.info{color:#777}.charts{display:flex;flex-wrap:wrap;gap:16px}figure{margin:0;border:1px solid #eee;padding:8px}")
            .Append("figcaption{font-size:13px;font-weight:600;margin-bottom:4px}svg text{font-size:11px;fill:#333}.detail{color:#666;max-width:520px}</style></head><body>");
        html.Append("<h1>RecForge validation</h1><p>").Append(E(report.Dataset)).Append(report.Scenario is null ? " (no scenario: statistics without targets)" : $" — scenario <b>{E(report.Scenario)}</b>")
            .Append(". <span class=\"").Append(failed == 0 ? "pass\">all checks pass" : $"fail\">{failed} of {report.Checks.Count(c => c.Passed is not null)} checks fail").Append("</span></p>");
        html.Append("<table><tr><th>check</th><th>result</th><th>measured</th><th>target</th><th>detail</th></tr>");
        foreach (QualityCheck c in report.Checks)
        {
            string cls = c.Passed switch { true => "pass", false => "fail", null => "info" };
            string word = c.Passed switch { true => "pass", false => "FAIL", null => "info" };
            html.Append("<tr><td>").Append(E(c.Name)).Append("</td><td class=\"").Append(cls).Append("\">").Append(word).Append("</td><td>").Append(E(c.Measured))
                .Append("</td><td>").Append(E(c.Target ?? "")).Append("</td><td class=\"detail\">").Append(E(c.Detail)).Append("</td></tr>");
        }

        html.Append("</table><h2>Charts</h2><div class=\"charts\">");
        ReportCharts charts = report.Charts;
        Figure(html, $"Item popularity (log–log rank plot), fitted Zipf α = {F(charts.ZipfAlpha)} over ranks {charts.ZipfRange.From}..{charts.ZipfRange.To}", RankPlot(charts));
        Figure(html, "Events by local hour and weekday", Heatmap(charts.HourWeekday));
        if (charts.Ratings.Count > 0)
        {
            Figure(html, "Rating histogram" + (charts.Ratings.Any(r => r.Target is not null) ? " (bars measured, ticks target)" : ""),
                Bars([.. charts.Ratings.Select(r => r.Value)], [.. charts.Ratings.Select(r => r.Measured)], charts.Ratings.Any(r => r.Target is not null) ? [.. charts.Ratings.Select(r => r.Target ?? 0)] : null));
        }

        if (charts.WatchTime.Count > 0)
        {
            Figure(html, "Watch-time fraction", Bars([.. charts.WatchTime.Select((_, i) => i % 4 == 0 ? F((double)i / charts.WatchTime.Count) : "")], charts.WatchTime, null));
        }

        foreach (ShareChart s in charts.Shares)
        {
            Figure(html, $"{s.Name} shares (bars measured, ticks configured)", Bars(s.Categories, s.Measured, s.Target));
        }

        Figure(html, $"Activity Lorenz curve (events per user), Gini {F(charts.Gini)}", LorenzPlot(charts.Lorenz));
        if (charts.Projection.Count > 0)
        {
            string[] categories = [.. charts.Projection.Select(p => p.Category).Distinct().Order(StringComparer.Ordinal)];
            Figure(html, $"Item embeddings, PCA of {charts.Projection.Count:N0} sampled items, coloured by category", Scatter(charts.Projection, p => Array.IndexOf(categories, p.Category), categories));
            int k = charts.Projection.Max(p => p.Cluster) + 1;
            Figure(html, $"Cluster map: the same projection coloured by k-means cluster (k = {k})", Scatter(charts.Projection, p => p.Cluster, [.. Enumerable.Range(0, k).Select(c => $"cluster {c}")]));
        }

        html.Append("</div></body></html>\n");
        return html.ToString();
    }

    private static void Figure(StringBuilder html, string caption, string svg)
        => html.Append("<figure><figcaption>").Append(E(caption)).Append("</figcaption>").Append(svg).Append("</figure>");

    private static string RankPlot(ReportCharts c)
    {
        if (c.RankCounts.Count == 0)
        {
            return Empty();
        }

        double maxX = Math.Log10(c.RankCounts.Max(p => p.Rank)) + 0.1, maxY = Math.Log10(c.RankCounts.Max(p => p.Count)) + 0.1;
        var svg = Frame(out Func<double, double> x, out Func<double, double> y, 0, maxX, 0, maxY, "log10 rank", "log10 events");
        foreach (var (rank, count) in c.RankCounts)
        {
            svg.Append(Circle(x(Math.Log10(rank)), y(Math.Log10(count)), 2.5, Palette[0]));
        }

        if (double.IsFinite(c.ZipfAlpha))
        {
            // The fitted line over the ranks it was fitted to: log count = b − α log rank, with b the mean of
            // log count + α log rank over those points (least squares for the fitted slope), not pinned to rank 1.
            var fitted = c.RankCounts.Where(p => p.Rank >= c.ZipfRange.From && p.Rank <= c.ZipfRange.To && p.Count > 0).ToList();
            if (fitted.Count > 0)
            {
                double b = fitted.Average(p => Math.Log10(p.Count) + c.ZipfAlpha * Math.Log10(p.Rank));
                double x0 = Math.Log10(Math.Max(1, c.ZipfRange.From)), x1 = Math.Log10(Math.Max(2, c.ZipfRange.To));
                svg.Append(Line(x(x0), y(Math.Max(0, b - c.ZipfAlpha * x0)), x(x1), y(Math.Max(0, b - c.ZipfAlpha * x1)), "#e15759", 2));
            }
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Heatmap(long[] counts)
    {
        string[] days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        double max = Math.Max(1, counts.Max());
        var svg = new StringBuilder().Append(Open());
        double cw = (W - Left - Right) / 24.0, ch = (H - Top - Bottom) / 7.0;
        for (int d = 0; d < 7; d++)
        {
            svg.Append(Text(Left - 6, Top + (d + 0.65) * ch, days[d], "end"));
            for (int h = 0; h < 24; h++)
            {
                double v = counts[d * 24 + h] / max;
                int shade = (int)(255 - 200 * v);
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left + h * cw:F1}\" y=\"{Top + d * ch:F1}\" width=\"{cw:F1}\" height=\"{ch:F1}\" fill=\"rgb({shade},{shade},255)\"><title>{days[d]} {h:00}:00 {counts[d * 24 + h]:N0}</title></rect>");
            }
        }

        for (int h = 0; h < 24; h += 3)
        {
            svg.Append(Text(Left + (h + 0.5) * cw, H - Bottom + 14, h.ToString("00", CultureInfo.InvariantCulture), "middle"));
        }

        return svg.Append(Text(Left + (W - Left - Right) / 2.0, H - 6, "local hour", "middle")).Append("</svg>").ToString();
    }

    private static string Bars(IReadOnlyList<string> labels, IReadOnlyList<double> values, IReadOnlyList<double>? targets)
    {
        double max = Math.Max(values.DefaultIfEmpty(0).Max(), targets?.DefaultIfEmpty(0).Max() ?? 0) * 1.1;
        var svg = Frame(out Func<double, double> x, out Func<double, double> y, 0, values.Count, 0, Math.Max(max, 1e-9), "", "share");
        double bw = (x(1) - x(0)) * 0.7;
        for (int i = 0; i < values.Count; i++)
        {
            double cx = x(i + 0.5);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{cx - bw / 2:F1}\" y=\"{y(values[i]):F1}\" width=\"{bw:F1}\" height=\"{y(0) - y(values[i]):F1}\" fill=\"{Palette[0]}\"><title>{E(labels[i])} {values[i]:P1}</title></rect>");
            if (targets is not null)
            {
                svg.Append(Line(cx - bw / 2 - 3, y(targets[i]), cx + bw / 2 + 3, y(targets[i]), "#e15759", 3));
            }

        }

        return svg.Append(ChartAxis.Labels(labels, i => x(i + 0.5), x(1) - x(0), H - Bottom)).Append("</svg>").ToString();
    }

    private static string LorenzPlot(IReadOnlyList<(double X, double Y)> curve)
    {
        var svg = Frame(out Func<double, double> x, out Func<double, double> y, 0, 1, 0, 1, "share of users (least active first)", "share of events");
        svg.Append(Line(x(0), y(0), x(1), y(1), "#bab0ac", 1));
        var path = new StringBuilder();
        foreach (var (px, py) in curve)
        {
            path.Append(path.Length == 0 ? 'M' : 'L').Append(CultureInfo.InvariantCulture, $"{x(px):F1},{y(py):F1} ");
        }

        return svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path}\" fill=\"none\" stroke=\"{Palette[0]}\" stroke-width=\"2\"/>").Append("</svg>").ToString();
    }

    private static string Scatter(IReadOnlyList<ProjectedItem> points, Func<ProjectedItem, int> colour, IReadOnlyList<string> legend)
    {
        double minX = points.Min(p => p.X), maxX = points.Max(p => p.X), minY = points.Min(p => p.Y), maxY = points.Max(p => p.Y);
        var svg = Frame(out Func<double, double> x, out Func<double, double> y, minX, maxX + (maxX - minX) * 0.35, minY, maxY, "PC 1", "PC 2");
        foreach (ProjectedItem p in points)
        {
            svg.Append(Circle(x(p.X), y(p.Y), 2.2, Palette[Math.Max(0, colour(p)) % Palette.Length]));
        }

        for (int i = 0; i < legend.Count && i < 14; i++)
        {
            svg.Append(Circle(W - 118, Top + 8 + i * 14, 4, Palette[i % Palette.Length])).Append(Text(W - 110, Top + 12 + i * 14, legend[i].Length > 0 ? legend[i] : "(none)", "start"));
        }

        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Frame(out Func<double, double> x, out Func<double, double> y, double x0, double x1, double y0, double y1, string xLabel, string yLabel)
    {
        double sx = (W - Left - Right) / Math.Max(x1 - x0, 1e-12), sy = (H - Top - Bottom) / Math.Max(y1 - y0, 1e-12);
        x = v => Left + (v - x0) * sx;
        y = v => H - Bottom - (v - y0) * sy;
        var svg = new StringBuilder().Append(Open());
        svg.Append(Line(Left, H - Bottom, W - Right, H - Bottom, "#999", 1)).Append(Line(Left, Top, Left, H - Bottom, "#999", 1));
        for (int t = 0; t <= 4; t++)
        {
            double v = y0 + (y1 - y0) * t / 4;
            svg.Append(Text(Left - 4, y(v) + 4, F(v), "end"));
        }

        for (int t = 0; t <= 4 && xLabel.Length > 0; t++)
        {
            double v = x0 + (x1 - x0) * t / 4;
            svg.Append(Text(x(v), H - Bottom + 14, F(v), "middle"));
        }

        return svg.Append(Text(Left + (W - Left - Right) / 2.0, H - 6, xLabel, "middle"))
            .Append(CultureInfo.InvariantCulture, $"<text x=\"12\" y=\"{Top + (H - Top - Bottom) / 2}\" transform=\"rotate(-90 12 {Top + (H - Top - Bottom) / 2})\" text-anchor=\"middle\">{E(yLabel)}</text>");
    }

    private static string Open() => $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\">";

    private static string Empty() => Open() + Text(W / 2.0, H / 2.0, "no data", "middle") + "</svg>";

    private static string Line(double x1, double y1, double x2, double y2, string colour, double width)
        => string.Create(CultureInfo.InvariantCulture, $"<line x1=\"{x1:F1}\" y1=\"{y1:F1}\" x2=\"{x2:F1}\" y2=\"{y2:F1}\" stroke=\"{colour}\" stroke-width=\"{width}\"/>");

    private static string Circle(double cx, double cy, double r, string colour)
        => string.Create(CultureInfo.InvariantCulture, $"<circle cx=\"{cx:F1}\" cy=\"{cy:F1}\" r=\"{r}\" fill=\"{colour}\" fill-opacity=\"0.75\"/>");

    private static string Text(double x, double y, string text, string anchor)
        => string.Create(CultureInfo.InvariantCulture, $"<text x=\"{x:F1}\" y=\"{y:F1}\" text-anchor=\"{anchor}\">{E(text)}</text>");

    private static string F(double v) => v.ToString(Math.Abs(v) >= 100 ? "F0" : "0.##", CultureInfo.InvariantCulture);

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
