namespace RecForge.Scenarios;

/// <summary>An item embedding: blocks laid end to end, each L2-normalised.</summary>
/// <param name="Blocks">The blocks in column order.</param>
/// <param name="Storage">How the vector is stored.</param>
public sealed record EmbeddingDefinition(IReadOnlyList<EmbeddingBlock> Blocks, EmbeddingStorage Storage = EmbeddingStorage.Float32)
{
    /// <summary>Total dimension.</summary>
    public int Dimension
    {
        get
        {
            int d = 0;
            foreach (EmbeddingBlock b in Blocks)
            {
                d += b.Dimension;
            }

            return d;
        }
    }
}

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
public sealed record EmbeddingBlock(string Name, int Dimension, string Source, IReadOnlyList<AttributeDefinition> Sources, string? Property, double Noise);

/// <summary>How embedding vectors are stored.</summary>
public enum EmbeddingStorage
{
    /// <summary>A list of float32 (Parquet LIST&lt;FLOAT&gt;).</summary>
    Float32,

    /// <summary>IEEE 754 binary16 values, little-endian, packed in one binary value per row (2 bytes per dimension): half the size.</summary>
    Float16,

    /// <summary>Not computed and not written.</summary>
    None,
}
