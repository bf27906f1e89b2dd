namespace RecForge.Output;

/// <summary>One block of an embedding column.</summary>
/// <param name="Name">Block name (text, visual, audio...).</param>
/// <param name="Offset">First dimension of the block.</param>
/// <param name="Dimension">Block width.</param>
/// <param name="Source">What it encodes: text, latent or property.</param>
/// <param name="Of">The attributes it was built from.</param>
public sealed record ManifestEmbeddingBlock(string Name, int Offset, int Dimension, string Source, IReadOnlyList<string> Of);
