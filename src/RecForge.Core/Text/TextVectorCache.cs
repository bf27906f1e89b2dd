using System.Collections.Concurrent;

namespace RecForge.Text;

/// <summary>
/// Sentence-model vectors of the texts about to be written, computed in bulk (all threads, each distinct text once)
/// and looked up row by row; a text that was not prepared is encoded on the spot, to the same vector.
/// </summary>
/// <remarks>
/// Memory stays bounded: past <see cref="Capacity"/> texts the cache starts over (at 384 floats a text, about 100 MB).
/// Starting over only costs time, since a text's vector does not depend on when or with what it is encoded.
/// </remarks>
internal sealed class TextVectorCache(ITextEncoder encoder)
{
    /// <summary>Texts kept at most.</summary>
    public const int Capacity = 65_536;

    private readonly ConcurrentDictionary<string, float[]> _vectors = new(StringComparer.Ordinal);

    /// <summary>The encoder behind the vectors.</summary>
    public ITextEncoder Encoder => encoder;

    /// <summary>The one text a sentence model reads for a block with several text sources (title, description …).</summary>
    public static string Join(ReadOnlySpan<string> texts)
    {
        // A sentence per source, as a reader would see them: "The Last Signal. A retired agent …".
        return texts.Length == 1 ? texts[0] : string.Join(". ", texts.ToArray());
    }

    /// <summary>Encodes the texts not yet known (in bulk, on the encoder's threads).</summary>
    public void Prepare(IReadOnlyList<string> texts)
    {
        var missing = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string text in texts)
        {
            if (!_vectors.ContainsKey(text) && seen.Add(text))
            {
                missing.Add(text);
            }
        }

        if (missing.Count == 0)
        {
            return;
        }

        if (_vectors.Count + missing.Count > Capacity)
        {
            _vectors.Clear();
        }

        float[][] vectors = new float[missing.Count][];
        for (int i = 0; i < vectors.Length; i++)
        {
            vectors[i] = new float[encoder.Dimension];
        }

        encoder.Encode(missing, vectors);
        for (int i = 0; i < vectors.Length; i++)
        {
            _vectors[missing[i]] = vectors[i];
        }
    }

    /// <summary>Writes the vector of <paramref name="text"/> into <paramref name="destination"/>.</summary>
    public void CopyTo(string text, Span<float> destination)
    {
        if (!_vectors.TryGetValue(text, out float[]? vector))
        {
            vector = new float[encoder.Dimension];
            encoder.Encode([text], [vector]);
        }

        vector.CopyTo(destination);
    }
}
