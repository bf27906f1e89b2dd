namespace RecForge.Text;

/// <summary>
/// Turns texts into unit vectors whose cosine says how alike the texts are: the hashed n-gram encoder
/// (<see cref="HashedTextEncoder"/>) or a sentence model (RecForge.TextModels: all-MiniLM-L6-v2 or any BERT-style ONNX model).
/// </summary>
/// <remarks>
/// An implementation must give each text the same vector whatever else is in the call and however many threads
/// run: generated files are byte-identical across thread counts and shards only if it does.
/// </remarks>
public interface ITextEncoder
{
    /// <summary>What the encoder is, for manifests and messages (e.g. <c>hashed</c>, <c>minilm</c>).</summary>
    string Name { get; }

    /// <summary>The width of the vectors written.</summary>
    int Dimension { get; }

    /// <summary>Writes the unit vector of <c>texts[i]</c> into <c>destination[i]</c> (each <see cref="Dimension"/> long).</summary>
    void Encode(IReadOnlyList<string> texts, float[][] destination);
}
