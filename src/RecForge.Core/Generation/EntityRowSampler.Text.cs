using RecForge.Embeddings;
using RecForge.Scenarios;
using RecForge.Text;

namespace RecForge.Generation;

internal sealed partial class EntityRowSampler
{
    /// <summary>Whether rows embed text with a sentence model, so <see cref="PrepareTexts"/> is worth calling.</summary>
    public bool EncodesTextWithModel => _world.TextVectors is not null && _embeddings.Any(e => e is not null && e.TextSources.Any());

    /// <summary>
    /// Encodes the text blocks of entities [<paramref name="start"/>, <paramref name="end"/>) in one bulk call to the
    /// sentence model (all threads, each distinct text once) before the rows are written one by one.
    /// </summary>
    public void PrepareTexts(long start, long end)
    {
        if (_world.TextVectors is not { } cache)
        {
            return;
        }

        var texts = new List<string>();
        var parts = new List<string>();
        for (long index = start; index < end; index++)
        {
            foreach (EmbeddingBuilder? builder in _embeddings)
            {
                foreach (IReadOnlyList<AttributeDefinition> sources in builder?.TextSources ?? [])
                {
                    parts.Clear();
                    foreach (AttributeDefinition source in sources)
                    {
                        Evaluate(index, source);
                        parts.Add(TextOf(source.Slot));
                    }

                    texts.Add(TextVectorCache.Join(parts.ToArray()));
                }
            }
        }

        cache.Prepare(texts);
    }
}
