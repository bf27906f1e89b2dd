namespace RecForge.Connectors.Milvus;

/// <summary>Options of <see cref="MilvusExporter.Export"/>.</summary>
/// <param name="Output">The folder to write: <c>collection.json</c>, <c>import.json</c> and <c>&lt;table&gt;/part-NNNNN.parquet</c>.</param>
public sealed record MilvusExportOptions(string Output)
{
    /// <summary>The table to export; by default the catalogue (the manifest's items table).</summary>
    public string? Table { get; init; }

    /// <summary>Scalar fields to keep besides the key and the vector; by default every scalar column.</summary>
    public IReadOnlyList<string>? Fields { get; init; }

    /// <summary>Collection name; by default the table name.</summary>
    public string? Collection { get; init; }

    /// <summary>
    /// Rows per Parquet file; by default about 512 MB of data a file (Milvus caps one import file at 16 GB and
    /// imports the files of a job in parallel, so several mid-sized files import faster than one large one).
    /// </summary>
    public long? RowsPerFile { get; init; }
}
