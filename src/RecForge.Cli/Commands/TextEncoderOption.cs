using System.CommandLine;
using System.Runtime.CompilerServices;
using RecForge.Text;
using RecForge.TextModels;

namespace RecForge.Cli.Commands;

/// <summary><c>--text-encoder hashed|minilm|onnx:PATH</c>: what turns item text into vectors (generate's text blocks, cluster).</summary>
internal static class TextEncoderOption
{
    public const string Hashed = "hashed";

    public static Option<string> Create(string what) => new("--text-encoder")
    {
        Description = $"How {what} becomes vectors: hashed (word n-grams, fast, the default), minilm (all-MiniLM-L6-v2 sentence model, 384-d, "
            + "shipped with RecForge) or onnx:PATH (a BERT-style ONNX sentence model folder with its vocab.txt or tokenizer.json).",
        DefaultValueFactory = _ => Hashed,
    };

    /// <summary>The option for input that may bring its own vectors (cluster on a dataset): absent means "use them".</summary>
    public static Option<string?> CreateOptional(string what) => new("--text-encoder")
    {
        Description = $"Encode {what} with hashed (word n-grams), minilm (all-MiniLM-L6-v2, 384-d, shipped with RecForge) or onnx:PATH "
            + "(a BERT-style ONNX sentence model folder); default: a dataset's own embedding, else hashed.",
    };

    /// <summary>The sentence model named by <paramref name="value"/>, or null for the hashed encoder.</summary>
    /// <exception cref="InvalidDataException">An unknown name, or a model that cannot be loaded.</exception>
    public static ITextEncoder? Open(string value, int threads)
    {
        if (value == Hashed)
        {
            return null;
        }

        if (value != "minilm" && !value.StartsWith("onnx:", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"--text-encoder {value}: expected hashed, minilm or onnx:PATH");
        }

        return OpenModel(value, threads);
    }

    // A method of its own, so the ONNX Runtime and model assemblies load only when a model is asked for.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static OnnxTextEncoder OpenModel(string value, int threads)
        => value == "minilm" ? OnnxTextEncoder.MiniLm(threads) : OnnxTextEncoder.Open(value["onnx:".Length..], threads);
}
