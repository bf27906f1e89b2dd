using System.Globalization;
using System.Net;
using System.Text;

namespace RecForge.Truth;

/// <summary>Renders a <see cref="ScoreReport"/> as one self-contained HTML page: a table per list length and a chart of truth against offline scores.</summary>
public static class ScoreHtmlWriter
{
    private const string TruthColour = "#4e79a7", OfflineColour = "#f28e2b";

    /// <summary>The page's HTML; <paramref name="title"/> names the dataset and the files scored.</summary>
    public static string Render(ScoreReport report, string title)
    {
        var c = CultureInfo.InvariantCulture;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>RecForge score</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;font-size:13px;margin-bottom:16px}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:right}td:first-child,th:first-child{text-align:left}")
            .Append("svg text{font-size:11px;fill:#333}</style></head><body><h1>RecForge score</h1><p>").Append(E(title)).Append("</p>")
            .Append(c, $"<p>{report.Users:N0} users of a {E(report.Scenario)} dataset, {report.Items:N0} items. Models train on the items of each user's earlier {1 - report.TestFraction:P0} of events; ")
            .Append(c, $"the new items of the latest {report.TestFraction:P0} are the offline held-out slice. Truth columns score the lists against the world model behind the data.</p>")
            .Append("<p><b>NDCG affinity</b>: graded by the true affinity, over the best possible list. <b>NDCG oracle</b>: graded by the generator's choice probability (the oracle scores 1). ")
            .Append("<b>Recall oracle</b>: share of the oracle's top k found. <b>Popularity rank</b>: mean rank of the listed items (1 = most popular).</p>");
        for (int k = 0; k < report.Ks.Count; k++)
        {
            html.Append(c, $"<h2>Top {report.Ks[k]}</h2><table><tr><th>model</th><th>users</th><th>NDCG affinity</th><th>NDCG oracle</th><th>recall oracle</th><th>mean affinity</th><th>coverage</th><th>popularity rank</th><th>offline NDCG</th><th>offline recall</th></tr>");
            foreach (ModelScore m in report.Models)
            {
                ScoreAtK s = m.AtK[k];
                html.Append(c, $"<tr><td>{E(m.Name)}</td><td>{m.Users:N0}</td><td>{s.NdcgAffinity:F4}</td><td>{s.NdcgOracle:F4}</td><td>{s.RecallOracle:F4}</td><td>{s.MeanAffinity:F4}</td><td>{s.Coverage:P1}</td><td>{s.PopularityRank:N0}</td><td>{s.HeldOutNdcg:F4}</td><td>{s.HeldOutRecall:F4}</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append(c, $"<h2>Truth against offline evaluation, top {report.Ks[0]}</h2><p>Each model's NDCG by the oracle (<span style=\"color:{TruthColour}\">truth</span>) beside its NDCG on the held-out slice (<span style=\"color:{OfflineColour}\">offline</span>), each as a share of the best model's.</p>")
            .Append(Bars(report)).Append("</body></html>");
        return html.ToString();
    }

    private static string Bars(ScoreReport report)
    {
        var c = CultureInfo.InvariantCulture;
        const int label = 120, width = 360, row = 30;
        double truthMax = Math.Max(1e-12, report.Models.Max(m => m.AtK[0].NdcgOracle));
        double offlineMax = Math.Max(1e-12, report.Models.Max(m => m.AtK[0].HeldOutNdcg));
        var svg = new StringBuilder();
        svg.Append(c, $"<svg width=\"{label + width + 60}\" height=\"{report.Models.Count * row + 8}\" role=\"img\">");
        for (int m = 0; m < report.Models.Count; m++)
        {
            ScoreAtK s = report.Models[m].AtK[0];
            int y = m * row + 4;
            double truth = s.NdcgOracle / truthMax, offline = s.HeldOutNdcg / offlineMax;
            svg.Append(c, $"<text x=\"0\" y=\"{y + 16}\">{E(report.Models[m].Name)}</text>")
                .Append(c, $"<rect x=\"{label}\" y=\"{y}\" width=\"{truth * width:F1}\" height=\"11\" fill=\"{TruthColour}\"/><text x=\"{label + truth * width + 4:F1}\" y=\"{y + 10}\">{s.NdcgOracle:F3}</text>")
                .Append(c, $"<rect x=\"{label}\" y=\"{y + 12}\" width=\"{offline * width:F1}\" height=\"11\" fill=\"{OfflineColour}\"/><text x=\"{label + offline * width + 4:F1}\" y=\"{y + 22}\">{s.HeldOutNdcg:F3}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
