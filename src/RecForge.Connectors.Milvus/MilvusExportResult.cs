namespace RecForge.Connectors.Milvus;

/// <summary>What <see cref="MilvusExporter.Export"/> wrote.</summary>
/// <param name="Collection">Collection name.</param>
/// <param name="Rows">Entities written.</param>
/// <param name="Files">Data files, relative to the output folder with forward slashes.</param>
/// <param name="Fields">Field names in schema order.</param>
public sealed record MilvusExportResult(string Collection, long Rows, IReadOnlyList<string> Files, IReadOnlyList<string> Fields);
