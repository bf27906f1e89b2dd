namespace RecForge.Output.Parquet;

/// <summary>Parquet files (Snappy, dictionary encoding where values repeat, row groups of <see cref="TableWriterOptions.RowGroupRows"/>) via ParquetSharp.</summary>
/// <remarks>
/// Column mapping: INT64, DOUBLE, UTF8 strings (JSON columns carry the JSON logical type), lists of strings, lists of
/// float32 for vectors, UUID (FIXED_LEN_BYTE_ARRAY(16)) and TIMESTAMP(MICROS, UTC). Files hold no timestamps or
/// host names, so the same rows give the same bytes.
/// </remarks>
public sealed class ParquetTableFormat : ITableFormat
{
    /// <inheritdoc />
    public string Name => "parquet";

    /// <inheritdoc />
    public string Extension => ".parquet";

    /// <inheritdoc />
    public ITableWriter Create(string path, TableSchema schema, TableWriterOptions options) => new ParquetTableWriter(path, schema, options);
}
