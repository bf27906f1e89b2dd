namespace RecForge.Evaluation;

/// <summary>One event of a log.</summary>
/// <param name="User">User id.</param>
/// <param name="Item">Item id.</param>
/// <param name="Rating">Rating or weight (NaN when the log has none).</param>
/// <param name="Time">Unix time in seconds.</param>
public readonly record struct LogEvent(string User, string Item, double Rating, long Time);
