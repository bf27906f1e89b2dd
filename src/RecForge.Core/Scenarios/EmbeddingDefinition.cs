namespace RecForge.Scenarios;

/// <summary>An item embedding: blocks laid end to end, each L2-normalised.</summary>
/// <param name="Blocks">The blocks in column order.</param>
/// <param name="Storage">How the vector is stored.</param>
internal sealed record EmbeddingDefinition(IReadOnlyList<EmbeddingBlock> Blocks, EmbeddingStorage Storage = EmbeddingStorage.Float32)
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
