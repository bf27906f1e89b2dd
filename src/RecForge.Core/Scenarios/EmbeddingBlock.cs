namespace RecForge.Scenarios;

/// <summary>
/// One block. <c>text</c>: hashed n-grams of text attributes with a fixed random projection. <c>latent</c>: a fixed
/// projection of the taste position plus the centroids of categorical attributes. <c>property</c>: a projection of a
/// categorical attribute's vector property (e.g. a mood's valence–arousal–dominance) plus some latent position.
/// </summary>
/// <param name="Name">Block name (text, visual, audio...).</param>
/// <param name="Dimension">Block width.</param>
/// <param name="Source">text, latent or property.</param>
/// <param name="Sources">Attributes read.</param>
/// <param name="Property">For property blocks, the vector property's name.</param>
/// <param name="Noise">Standard deviation of per-item noise relative to the signal.</param>
internal sealed record EmbeddingBlock(string Name, int Dimension, string Source, IReadOnlyList<AttributeDefinition> Sources, string? Property, double Noise);
