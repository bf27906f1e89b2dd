namespace RecForge.Fit;

/// <summary>How <c>recforge fit --epsilon</c> splits the privacy budget ρ between what it learns (shares sum to 1).</summary>
/// <param name="Counts">The number of users.</param>
/// <param name="Activity">The histogram of events per user.</param>
/// <param name="Ratings">The rating histogram.</param>
/// <param name="Time">Hour, weekday, month and year histograms.</param>
/// <param name="Sessions">Gaps inside sessions, session sizes and user spans.</param>
/// <param name="Genres">Users' top genres (taste cluster shares of a synthetic catalogue).</param>
/// <param name="Popularity">Users per item.</param>
/// <param name="Factors">The item co-occurrence matrix behind the taste positions.</param>
/// <param name="Clusters">The taste mixture (k-means counts, sums and spreads).</param>
/// <param name="RatingModel">Item biases and the distributions of user bias and rating noise.</param>
public sealed record PrivacyShares(double Counts, double Activity, double Ratings, double Time, double Sessions, double Genres,
    double Popularity, double Factors, double Clusters, double RatingModel)
{
    /// <summary>The default split: most of the budget to what carries the taste structure (popularity, factors, clusters).</summary>
    public static PrivacyShares Default { get; } = new(0.02, 0.04, 0.04, 0.06, 0.06, 0.02, 0.16, 0.30, 0.15, 0.15);
}
