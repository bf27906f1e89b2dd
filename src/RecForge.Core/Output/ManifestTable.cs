namespace RecForge.Output;

/// <summary>A table of the manifest.</summary>
/// <param name="Name">Table name.</param>
/// <param name="Rows">Total rows.</param>
/// <param name="Files">Its files, sorted by path.</param>
/// <param name="Role">"items", "users" or "events" (what the scenario made the table for); null in manifests written before the field existed.</param>
/// <param name="Key">The primary-key column of an entity table; null for events.</param>
/// <param name="References">Columns holding the key of another table of the dataset (foreign keys).</param>
/// <param name="PartitionBy">Columns kept out of the files and encoded in hive directory names (<c>release_year=2019/</c>).</param>
/// <param name="Embeddings">The embedding columns with the layout of their blocks.</param>
public sealed record ManifestTable(
    string Name,
    long Rows,
    IReadOnlyList<ManifestFile> Files,
    string? Role = null,
    string? Key = null,
    IReadOnlyList<ManifestReference>? References = null,
    IReadOnlyList<string>? PartitionBy = null,
    IReadOnlyList<ManifestEmbedding>? Embeddings = null);
