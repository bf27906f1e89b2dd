using RecForge.Scenarios;

namespace RecForge.Generation.Events;

/// <summary>What one exposure produced, filled by the outcome models and shared by its funnel follow-ups.</summary>
internal struct Outcome
{
    /// <summary>Why the item was picked.</summary>
    public ChoiceSource Source { get; set; }

    /// <summary>Fraction watched (0 without a watch-time model).</summary>
    public double Watch { get; set; }

    /// <summary>The rating given (0 without ratings).</summary>
    public double Rating { get; set; }

    /// <summary>Milliseconds played (0 without a play model).</summary>
    public long Played { get; set; }
}
