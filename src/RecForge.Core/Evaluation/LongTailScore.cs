namespace RecForge.Evaluation;

/// <summary>The long tail of a real log and of its twin (at the real log's number of users).</summary>
/// <param name="Catalogue">Items known to the evaluation (both logs' items, and the catalogue's).</param>
/// <param name="RealCoverage">Share of the catalogue with at least one real event.</param>
/// <param name="SyntheticCoverage">The same for the synthetic log.</param>
/// <param name="RealRare">Share of the real log's active items chosen by one or two users.</param>
/// <param name="SyntheticRare">The same for the synthetic log.</param>
public sealed record LongTailScore(int Catalogue, double RealCoverage, double SyntheticCoverage, double RealRare, double SyntheticRare)
{
    /// <summary>
    /// Share of the catalogue the real train users chose: all that a twin fitted on them (<c>fit --holdout</c>) can know,
    /// the items only test users chose having no learned weight.
    /// </summary>
    public double RealTrainCoverage { get; init; }
}
