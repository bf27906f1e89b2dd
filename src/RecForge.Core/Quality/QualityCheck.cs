namespace RecForge.Quality;

/// <summary>One check of a validation: what was measured, against which target, and whether it passed.</summary>
/// <param name="Name">Stable identifier, e.g. <c>references.interactions.user_id</c>.</param>
/// <param name="Group">structure or statistics.</param>
/// <param name="Passed">True or false; null for a statistic reported without a target.</param>
/// <param name="Measured">The measured value, as text.</param>
/// <param name="Target">The target with its tolerance, or null.</param>
/// <param name="Detail">One line of explanation (the first offending row, the fitted range...).</param>
public sealed record QualityCheck(string Name, string Group, bool? Passed, string Measured, string? Target, string Detail);
