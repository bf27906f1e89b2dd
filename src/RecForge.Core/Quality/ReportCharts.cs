namespace RecForge.Quality;

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
