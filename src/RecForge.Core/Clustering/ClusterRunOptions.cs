using RecForge.Text;

namespace RecForge.Clustering;

/// <summary>How clusters are named.</summary>
public enum ClusterLabeling
{
    /// <summary>Class-based TF-IDF phrases diversified by word overlap (BERTopic's c-TF-IDF).</summary>
    ClassTfIdf,

    /// <summary>Phrases ranked by cosine to the cluster centroid in a text model's space, diversified by MMR (KeyBERT).</summary>
    KeyBert,
}

/// <summary>Progress of <see cref="ClusterAnalysis.Run(float[][], IReadOnlyList{string}, int, int, ulong, ClusterRunOptions)"/>: k-means restarts done of all planned.</summary>
/// <param name="K">The k being fitted.</param>
/// <param name="Tried">Values of k finished.</param>
/// <param name="Values">Values of k to try.</param>
/// <param name="RestartsDone">k-means restarts finished, over all k.</param>
/// <param name="Restarts">k-means restarts planned, over all k.</param>
public readonly record struct ClusterProgress(int K, int Tried, int Values, int RestartsDone, int Restarts);

/// <summary>Options of <see cref="ClusterAnalysis.Run(float[][], IReadOnlyList{string}, int, int, ulong, ClusterRunOptions)"/>.</summary>
public sealed record ClusterRunOptions
{
    /// <summary>Points whose silhouette is computed (their pairwise distances are computed once for every k).</summary>
    public int SilhouetteSample { get; init; } = 2000;

    /// <summary>How clusters are named.</summary>
    public ClusterLabeling Labels { get; init; } = ClusterLabeling.ClassTfIdf;

    /// <summary>The text model of KeyBERT labels (needed for <see cref="ClusterLabeling.KeyBert"/>).</summary>
    public ITextEncoder? LabelEncoder { get; init; }

    /// <summary>
    /// The items' vectors from <see cref="LabelEncoder"/>, when the clustered embeddings are not already them (e.g. a
    /// dataset's own 1,024-d vectors); null: the clustered embeddings are the encoder's.
    /// </summary>
    public float[][]? TextVectors { get; init; }

    /// <summary>Receives progress from worker threads.</summary>
    public IProgress<ClusterProgress>? Progress { get; init; }
}
