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
