namespace RecForge.Output;

/// <summary>An embedding column: its width and the blocks laid end to end in it, each L2-normalised on its own.</summary>
/// <param name="Column">The column.</param>
/// <param name="Dimension">Total width.</param>
/// <param name="Blocks">Blocks in order.</param>
public sealed record ManifestEmbedding(string Column, int Dimension, IReadOnlyList<ManifestEmbeddingBlock> Blocks);
