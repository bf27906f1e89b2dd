using RecForge.Text;

namespace RecForge.Datasets.Clustering;

/// <summary>What <see cref="ClusterInput.Load"/> reads besides the items themselves.</summary>
/// <param name="TextColumns">Text columns for labels (and the embedding when items have none); null: every text column.</param>
/// <param name="Tags">A CSV of (item id, tag) rows added to the item text.</param>
/// <param name="Blocks">Named blocks of the embedding to cluster on (from the manifest's layout); null: the whole vector.</param>
/// <param name="CompareTo">A column whose values the clusters are compared with (adjusted Rand index).</param>
/// <param name="Seed">Seed of the text encoder for CSV input.</param>
public sealed record ClusterInputOptions(IReadOnlyList<string>? TextColumns, string? Tags, IReadOnlyList<string>? Blocks, string? CompareTo, ulong Seed)
{
    /// <summary>
    /// A sentence model to encode the item text with (e.g. all-MiniLM-L6-v2), also for a dataset that has embeddings;
    /// null: a dataset's own vectors, else the hashed n-gram encoder.
    /// </summary>
    public ITextEncoder? Encoder { get; init; }
}
