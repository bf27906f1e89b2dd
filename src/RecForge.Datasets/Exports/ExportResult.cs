namespace RecForge.Datasets.Exports;

/// <summary>What an export wrote.</summary>
/// <param name="Files">The files, relative to the output folder.</param>
/// <param name="Train">Training events (all events without a split).</param>
/// <param name="Valid">Validation events.</param>
/// <param name="Test">Test events.</param>
public sealed record ExportResult(IReadOnlyList<string> Files, long Train, long Valid, long Test);
