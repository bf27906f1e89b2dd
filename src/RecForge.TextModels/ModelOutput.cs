using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace RecForge.TextModels;

/// <summary>Which output of a sentence model holds the vectors: a pooled <c>sentence_embedding</c> [batch, d] or the token embeddings [batch, tokens, d] to mean-pool.</summary>
internal static class ModelOutput
{
    /// <exception cref="InvalidDataException">No float output of rank 2 or 3 with a fixed width.</exception>
    public static (string Name, bool Pooled, int Dimension) Of(string model, InferenceSession session)
    {
        (string Name, NodeMetadata Metadata)? chosen = null;
        foreach ((string name, NodeMetadata metadata) in session.OutputMetadata)
        {
            if (metadata.ElementDataType != TensorElementType.Float || metadata.Dimensions.Length is not (2 or 3))
            {
                continue;
            }

            // A pooled sentence vector wins; otherwise the first token-level output (last_hidden_state, token_embeddings).
            if (name == "sentence_embedding" || chosen is null)
            {
                chosen = (name, metadata);
            }
        }

        if (chosen is not { } output || output.Metadata.Dimensions[^1] <= 0)
        {
            throw new InvalidDataException($"{model}: the model has no float output [batch, tokens, d] or [batch, d] with a fixed d (not a sentence model)");
        }

        return (output.Name, output.Metadata.Dimensions.Length == 2, output.Metadata.Dimensions[^1]);
    }
}
