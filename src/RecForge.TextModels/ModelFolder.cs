using System.Text.Json;

namespace RecForge.TextModels;

/// <summary>
/// A user's sentence model on disk, laid out as Hugging Face exports it: the <c>.onnx</c> file (in the folder, or in
/// its <c>onnx/</c> subfolder) and the tokenizer files beside it or one folder up.
/// </summary>
internal sealed record ModelFolder(string Model, string Folder)
{
    // sentence-transformers' default when a model folder does not say (all-MiniLM-L6-v2's own setting).
    private const int DefaultMaxTokens = 256;

    /// <exception cref="InvalidDataException">No such path, or no .onnx file in the folder.</exception>
    public static ModelFolder Find(string path)
    {
        string full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            return new ModelFolder(full, Path.GetDirectoryName(full)!);
        }

        if (!Directory.Exists(full))
        {
            throw new InvalidDataException($"onnx:{path}: no such file or folder");
        }

        foreach (string candidate in new[] { Path.Combine(full, "model.onnx"), Path.Combine(full, "onnx", "model.onnx") })
        {
            if (File.Exists(candidate))
            {
                return new ModelFolder(candidate, full);
            }
        }

        string[] any = Directory.GetFiles(full, "*.onnx");
        return any.Length == 1 ? new ModelFolder(any[0], full)
            : throw new InvalidDataException($"onnx:{path}: {(any.Length == 0 ? "no .onnx file" : "several .onnx files")} in the folder; name the model file");
    }

    /// <summary>The tokenizer: <c>vocab.txt</c> or a WordPiece <c>tokenizer.json</c>, with casing, special tokens and length from the config files.</summary>
    /// <exception cref="InvalidDataException">No tokenizer file, or one that does not parse.</exception>
    public WordPieceTokenizer Tokenizer()
    {
        JsonElement? config = Json("tokenizer_config.json");
        JsonElement? sentence = Json("sentence_bert_config.json");
        bool lowerCase = config is { } c && c.TryGetProperty("do_lower_case", out JsonElement lower) && lower.ValueKind is JsonValueKind.False ? false : true;
        int maxTokens = sentence is { } s && s.TryGetProperty("max_seq_length", out JsonElement max) && max.TryGetInt32(out int m) && m > 2 ? m : DefaultMaxTokens;
        string cls = Token(config, "cls_token"), sep = Token(config, "sep_token"), unk = Token(config, "unk_token");
        IEnumerable<string> vocabulary = File.Exists(Beside("vocab.txt")) ? File.ReadLines(Beside("vocab.txt")) : FromTokenizerJson();
        try
        {
            // An MPNet-style vocabulary frames sequences with <s> … </s>; tokenizer_config.json says so when present.
            List<string> tokens = [.. vocabulary];
            cls = cls.Length > 0 ? cls : tokens.Contains("[CLS]") ? "[CLS]" : "<s>";
            sep = sep.Length > 0 ? sep : tokens.Contains("[SEP]") ? "[SEP]" : "</s>";
            return new WordPieceTokenizer(tokens, lowerCase, maxTokens, cls, sep, unk.Length > 0 ? unk : "[UNK]");
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{Folder}: {e.Message}", e);
        }
    }

    private IEnumerable<string> FromTokenizerJson()
    {
        JsonElement tokenizer = Json("tokenizer.json")
            ?? throw new InvalidDataException($"{Folder}: no vocab.txt or tokenizer.json beside {Path.GetFileName(Model)}");
        if (!tokenizer.TryGetProperty("model", out JsonElement model) || !model.TryGetProperty("vocab", out JsonElement vocab)
            || vocab.ValueKind != JsonValueKind.Object || (model.TryGetProperty("type", out JsonElement type) && type.GetString() != "WordPiece"))
        {
            throw new InvalidDataException($"{Beside("tokenizer.json")}: not a WordPiece tokenizer (only BERT-style vocabularies are supported)");
        }

        var byId = new SortedDictionary<int, string>();
        foreach (JsonProperty token in vocab.EnumerateObject())
        {
            byId[token.Value.GetInt32()] = token.Name;
        }

        return byId.Values;
    }

    private static string Token(JsonElement? config, string name)
        => config is { } c && c.TryGetProperty(name, out JsonElement token)
            ? token.ValueKind == JsonValueKind.String ? token.GetString()! : token.ValueKind == JsonValueKind.Object && token.TryGetProperty("content", out JsonElement content) ? content.GetString() ?? "" : ""
            : "";

    // Tokenizer files sit beside the model, or one folder up when the model is in onnx/ (Hugging Face's layout).
    private string Beside(string name)
    {
        string here = Path.Combine(Path.GetDirectoryName(Model)!, name);
        string up = Path.Combine(Folder, name);
        return File.Exists(here) ? here : up;
    }

    private JsonElement? Json(string name)
    {
        string path = Beside(name);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON ({e.Message})", e);
        }
    }
}
