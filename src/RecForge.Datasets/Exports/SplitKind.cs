namespace RecForge.Datasets.Exports;

/// <summary>How an export splits each user's events into train, validation and test.</summary>
public enum SplitKind
{
    /// <summary>No split: one file of all events.</summary>
    None,

    /// <summary>Per user, by time: the earliest events train, the latest test (ties keep file order).</summary>
    Time,

    /// <summary>Per user, at random (seeded): shares of each user's events.</summary>
    Random,

    /// <summary>Per user: the last event is the test, the one before it the validation, the rest train.</summary>
    LeaveOneOut,
}
