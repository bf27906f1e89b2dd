namespace RecForge.Output;

/// <summary>Options shared by writers.</summary>
/// <param name="RowGroupRows">Target rows per row group, where the format has them.</param>
/// <param name="Document">What a single-document format (JSON) writes around the rows, or null for defaults.</param>
public sealed record TableWriterOptions(int RowGroupRows, DocumentInfo? Document = null);
