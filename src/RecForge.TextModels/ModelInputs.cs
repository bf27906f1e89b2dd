using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace RecForge.TextModels;

/// <summary>
/// The inputs a BERT-style ONNX export takes — <c>input_ids</c>, <c>attention_mask</c> and optionally
/// <c>token_type_ids</c>, as 64- or 32-bit integers — and how to fill them for a batch of equal-length sequences.
/// </summary>
internal sealed class ModelInputs
{
    private readonly Kind[] _kinds;
    private readonly bool[] _wide;

    private ModelInputs(string[] names, Kind[] kinds, bool[] wide)
    {
        Names = names;
        _kinds = kinds;
        _wide = wide;
    }

    private enum Kind
    {
        Ids,
        Mask,
        TokenTypes,
    }

    public string[] Names { get; }

    /// <exception cref="InvalidDataException">An input this encoder cannot fill, or no <c>input_ids</c>.</exception>
    public static ModelInputs Of(string model, InferenceSession session)
    {
        var names = new List<string>();
        var kinds = new List<Kind>();
        var wide = new List<bool>();
        foreach ((string name, NodeMetadata metadata) in session.InputMetadata)
        {
            Kind kind = name switch
            {
                "input_ids" => Kind.Ids,
                "attention_mask" => Kind.Mask,
                "token_type_ids" => Kind.TokenTypes,
                _ => throw new InvalidDataException($"{model}: model input '{name}' is not one of input_ids, attention_mask, token_type_ids (not a BERT-style sentence model)"),
            };
            if (metadata.ElementDataType is not (TensorElementType.Int64 or TensorElementType.Int32))
            {
                throw new InvalidDataException($"{model}: model input '{name}' is {metadata.ElementDataType}, expected 64- or 32-bit integers");
            }

            names.Add(name);
            kinds.Add(kind);
            wide.Add(metadata.ElementDataType == TensorElementType.Int64);
        }

        if (!kinds.Contains(Kind.Ids))
        {
            throw new InvalidDataException($"{model}: the model has no input_ids input (not a BERT-style sentence model)");
        }

        return new ModelInputs([.. names], [.. kinds], [.. wide]);
    }

    /// <summary>The input tensors for sequences <paramref name="batch"/> of <paramref name="tokens"/>, all <paramref name="length"/> long.</summary>
    public OrtValue[] Create(int[] batch, int[][] tokens, int length)
    {
        var values = new OrtValue[_kinds.Length];
        long[] shape = [batch.Length, length];
        for (int k = 0; k < _kinds.Length; k++)
        {
            long[] data = new long[batch.Length * length];
            for (int b = 0; b < batch.Length; b++)
            {
                for (int t = 0; t < length; t++)
                {
                    // No padding: every token is attended to and all belong to the first segment.
                    data[b * length + t] = _kinds[k] switch { Kind.Ids => tokens[batch[b]][t], Kind.Mask => 1, _ => 0 };
                }
            }

            values[k] = _wide[k] ? OrtValue.CreateTensorValueFromMemory(data, shape)
                : OrtValue.CreateTensorValueFromMemory(Array.ConvertAll(data, v => (int)v), shape);
        }

        return values;
    }
}
