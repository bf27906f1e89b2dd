using System.Globalization;
using System.Net;
using System.Text;

namespace RecForge.Evaluation;

/// <summary>Renders an <see cref="EvaluationReport"/> as one self-contained HTML page: score tables and real-vs-synthetic bar charts in inline SVG.</summary>
public static class EvaluationHtmlWriter
{
    private const int W = 560, H = 300, Left = 48, Top = 16, Right = 12;

    // Room under the axis for rotated category labels.
    private static readonly int Bottom = (int)Math.Ceiling(Quality.ChartAxis.RotatedHeight) + 8;
    private const string RealColour = "#4e79a7", SyntheticColour = "#f28e2b";

    // A ratio over a zero (no real NDCG, real test users at distance 0) is undefined: said so, not shown as NaN.
    private static string Ratio(double value) => double.IsNaN(value) ? "n/a" : value.ToString("F3", CultureInfo.InvariantCulture);

    /// <summary>
    /// The page's HTML; <paramref name="title"/> names the two inputs, <paramref name="holdout"/> says whether the twin
    /// was fitted without this evaluation's test users (<paramref name="holdoutWarning"/>: it was not).
    /// </summary>
    public static string Render(EvaluationReport report, string title, string? holdout = null, bool holdoutWarning = false)
    {
        var c = CultureInfo.InvariantCulture;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>RecForge evaluation</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;font-size:13px;margin-bottom:16px}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left}")
            .Append(".charts{display:flex;flex-wrap:wrap;gap:16px}figure{margin:0;border:1px solid #eee;padding:8px}figcaption{font-size:13px;font-weight:600}svg text{font-size:10px;fill:#333}")
            .Append("</style></head><body><h1>RecForge evaluation</h1><p>").Append(E(title)).Append("</p>");
        html.Append(c, $"<p>real: {report.RealUsers:N0} users, {report.RealPairs:N0} user–item pairs; synthetic: {report.SyntheticUsers:N0} users, {report.SyntheticPairs:N0} pairs.</p>");
        if (holdout is not null)
        {
            html.Append(holdoutWarning ? "<p style=\"color:#b00020\"><b>Holdout: </b>" : "<p><b>Holdout: </b>").Append(E(holdout)).Append("</p>");
        }

        html.Append(c, $"<h2>Fidelity: overall {report.FidelityOverall:F3}</h2><table><tr><th>statistic</th><th>metric</th><th>score</th></tr>");
        foreach (FidelityScore f in report.Fidelity)
        {
            html.Append(c, $"<tr><td>{E(f.Name)}</td><td>{f.Metric}</td><td>{f.Score:F3}</td></tr>");
        }

        html.Append("</table><h2>Utility: train on synthetic vs train on real, test on held-out real users</h2>")
            .Append("<table><tr><th>model</th><th>NDCG@10 real</th><th>NDCG@10 synthetic</th><th>ratio</th><th>Recall@10 real</th><th>Recall@10 synthetic</th></tr>");
        foreach (UtilityScore u in report.Utility)
        {
            html.Append(c, $"<tr><td>{u.Model}</td><td>{u.RealNdcg:F4}</td><td>{u.SyntheticNdcg:F4}</td><td>{Ratio(u.NdcgRatio)}</td><td>{u.RealRecall:F4}</td><td>{u.SyntheticRecall:F4}</td></tr>");
        }

        html.Append(c, $"</table><p>{(report.UtilityMeasured ? $"Models rank in the same order on both: <b>{(report.SameModelOrder ? "yes" : "no")}</b>." : "Not measured: no held-out real user has two or more events to split.")}</p>");
        PrivacyScore p = report.Privacy;
        html.Append(c, $"<h2>Privacy</h2><table><tr><td>median distance to closest real train record (Jaccard), synthetic users</td><td>{p.MedianSyntheticDcr:F4}</td></tr>")
            .Append(c, $"<tr><td>the same for real test users</td><td>{p.MedianTestDcr:F4}</td></tr><tr><td>ratio (≥ 1: synthetic users are no closer than unseen real users)</td><td>{Ratio(p.DcrRatio)}</td></tr>")
            .Append(c, $"<tr><td>synthetic histories that copy a real one</td><td>{p.CopiedShare:P2}</td></tr><tr><td>real test users' histories that repeat a train user's (the log's own rate)</td><td>{p.TestCopiedShare:P2}</td></tr><tr><td>membership-inference AUC (0.5 = no better than chance)</td><td>{p.MembershipAuc:F3}</td></tr></table>");

        html.Append("<h2>Distributions (share of each; <span style=\"color:").Append(RealColour).Append("\">real</span> beside <span style=\"color:")
            .Append(SyntheticColour).Append("\">synthetic</span>)</h2><div class=\"charts\">");
        foreach (FidelityScore f in report.Fidelity)
        {
            if (f.Real is not null && f.Synthetic is not null)
            {
                html.Append("<figure><figcaption>").Append(E(f.Name)).Append(c, $" — {f.Metric} {f.Score:F3}</figcaption>").Append(PairedBars(f.Real, f.Synthetic)).Append("</figure>");
            }
        }

        return html.Append("</div></body></html>\n").ToString();
    }

    private static string PairedBars(IReadOnlyDictionary<string, double> real, IReadOnlyDictionary<string, double> synthetic)
    {
        var c = CultureInfo.InvariantCulture;
        string[] labels = [.. Quality.ChartOrder.Sort(real.Keys.Union(synthetic.Keys)).Take(40)];
        double realTotal = Math.Max(real.Values.Sum(), 1e-12), synTotal = Math.Max(synthetic.Values.Sum(), 1e-12);
        double[] r = [.. labels.Select(l => real.GetValueOrDefault(l) / realTotal)], s = [.. labels.Select(l => synthetic.GetValueOrDefault(l) / synTotal)];
        double max = Math.Max(r.DefaultIfEmpty(0).Max(), s.DefaultIfEmpty(0).Max()) * 1.1;
        double slot = (W - Left - Right) / (double)Math.Max(1, labels.Length), bar = slot * 0.4;
        double Y(double v) => Top + (H - Top - Bottom) * (1 - v / Math.Max(max, 1e-12));
        var svg = new StringBuilder();
        svg.Append(c, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\">");

        // Five labelled y ticks with light grid lines, 0 to the top.
        for (int t = 0; t <= 4; t++)
        {
            double v = max * t / 4;
            svg.Append(c, $"<line x1=\"{Left}\" y1=\"{Y(v):F1}\" x2=\"{W - Right}\" y2=\"{Y(v):F1}\" stroke=\"{(t == 0 ? "#999" : "#eee")}\"/>")
                .Append(c, $"<text class=\"tick\" x=\"{Left - 4}\" y=\"{Y(v) + 4:F1}\" text-anchor=\"end\">{v * 100:0.#}%</text>");
        }

        for (int i = 0; i < labels.Length; i++)
        {
            double x = Left + i * slot + slot * 0.1;
            svg.Append(c, $"<rect x=\"{x:F1}\" y=\"{Y(r[i]):F1}\" width=\"{bar:F1}\" height=\"{H - Bottom - Y(r[i]):F1}\" fill=\"{RealColour}\"><title>{E(labels[i])} real {r[i]:P1}</title></rect>");
            svg.Append(c, $"<rect x=\"{x + bar:F1}\" y=\"{Y(s[i]):F1}\" width=\"{bar:F1}\" height=\"{H - Bottom - Y(s[i]):F1}\" fill=\"{SyntheticColour}\"><title>{E(labels[i])} synthetic {s[i]:P1}</title></rect>");
        }

        svg.Append(Quality.ChartAxis.Labels(labels, i => Left + (i + 0.5) * slot, slot, H - Bottom));
        return svg.Append("</svg>").ToString();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
