namespace RecForge.Evaluation;

/// <summary>What one (user, item) pair that appears on several rows of a log stands for.</summary>
public enum RepeatedPairs
{
    /// <summary>The pair once, with its first event's time and rating (a ratings log re-rated, a batch imported twice).</summary>
    First,

    /// <summary>The pair once, weighted by its number of rows (a listening or viewing log: one row per play).</summary>
    Count,

    /// <summary>The pair once, weighted by the sum of its rows' weights (play counts split over days or devices).</summary>
    Sum,
}
