namespace RecForge.Scenarios;

/// <summary>
/// Explicit ratings: a distribution over rating values for each choice source (preference, popularity, exploration),
/// so a scenario can say "preferred items are rated 4–5" and still hit an overall histogram (the mixture of the three
/// weighted by the choice shares).
/// </summary>
/// <param name="Values">Distinct rating values, ascending.</param>
/// <param name="BySource">Probability of each value (parallel to <paramref name="Values"/>) per source, in <see cref="ChoiceSource"/> order.</param>
public sealed record RatingDefinition(double[] Values, double[][] BySource)
{
    /// <summary>An ordinal model of who rates what how (user and item bias, affinity, per-user noise), or null to draw from the histograms.</summary>
    public RatingModel? Model { get; init; }

    /// <summary>The overall distribution implied by a choice mix: Σ share(source) × distribution(source).</summary>
    public double[] Mixture(ChoiceDefinition choice)
    {
        var result = new double[Values.Length];
        double[] shares = [choice.Preference, choice.Popularity, choice.Exploration];
        for (int s = 0; s < shares.Length; s++)
        {
            for (int v = 0; v < Values.Length; v++)
            {
                result[v] += shares[s] * BySource[s][v];
            }
        }

        return result;
    }
}
