namespace RecForge.Generation;

/// <summary>Progress of a run: rows written so far and rows planned, over all tables.</summary>
public readonly record struct GenerationProgress(long RowsDone, long RowsTotal);
