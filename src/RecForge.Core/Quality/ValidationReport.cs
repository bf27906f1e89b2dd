namespace RecForge.Quality;

/// <summary>The outcome of <c>recforge validate</c>: every check, and the data behind the report's charts.</summary>
/// <param name="Dataset">What was validated (a directory or mapping file).</param>
/// <param name="Scenario">The scenario whose targets were checked, or null for data RecForge did not write.</param>
/// <param name="Checks">Every check in order: structure first, then statistics.</param>
/// <param name="Charts">Data for the charts.</param>
public sealed record ValidationReport(string Dataset, string? Scenario, IReadOnlyList<QualityCheck> Checks, ReportCharts Charts)
{
    /// <summary>True when no check failed (statistics without targets do not count).</summary>
    public bool Passed => Checks.All(c => c.Passed != false);
}

/// <summary>Series drawn in the HTML report.</summary>
/// <param name="RankCounts">(rank, events) of items by decreasing popularity, thinned to log-spaced ranks.</param>
/// <param name="ZipfAlpha">Fitted exponent of events per item.</param>
/// <param name="ZipfRange">Ranks the fit used.</param>
/// <param name="HourWeekday">Events by local weekday (Monday first) × hour.</param>
/// <param name="Ratings">Rating values with measured shares and, when the scenario has one, the target.</param>
/// <param name="WatchTime">Share of events per watch-time bin (0–1 in equal bins), or empty.</param>
/// <param name="Shares">Category shares per attribute, measured and configured.</param>
/// <param name="Lorenz">Lorenz curve of events per user.</param>
/// <param name="Gini">Gini coefficient of events per user.</param>
/// <param name="Projection">A sample of item embeddings on their first two principal components.</param>
public sealed record ReportCharts(
    IReadOnlyList<(double Rank, double Count)> RankCounts,
    double ZipfAlpha,
    (int From, int To) ZipfRange,
    long[] HourWeekday,
    IReadOnlyList<(string Value, double Measured, double? Target)> Ratings,
    IReadOnlyList<double> WatchTime,
    IReadOnlyList<ShareChart> Shares,
    IReadOnlyList<(double X, double Y)> Lorenz,
    double Gini,
    IReadOnlyList<ProjectedItem> Projection);

/// <summary>Measured and configured shares of one categorical attribute.</summary>
/// <param name="Name">Attribute (column) name.</param>
/// <param name="Categories">Category values.</param>
/// <param name="Measured">Measured shares.</param>
/// <param name="Target">Configured shares, or null.</param>
public sealed record ShareChart(string Name, IReadOnlyList<string> Categories, IReadOnlyList<double> Measured, IReadOnlyList<double>? Target);

/// <summary>One sampled item on the 2-D projection, with its category (e.g. top-level genre) and k-means cluster.</summary>
/// <param name="X">First principal component.</param>
/// <param name="Y">Second principal component.</param>
/// <param name="Category">Category value, or empty.</param>
/// <param name="Cluster">k-means cluster of the sample (k = number of categories, at least 2).</param>
public sealed record ProjectedItem(double X, double Y, string Category, int Cluster);
