namespace RecForge.Scenarios;

/// <summary>A scenario file (or an override of it) is invalid. The message names the file, line, field and what was expected.</summary>
public sealed class ScenarioException(string message) : Exception(message);
