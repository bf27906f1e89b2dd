namespace RecForge.Output;

/// <summary>An output format selectable by name (<c>--format parquet</c>): a factory of <see cref="ITableWriter"/>s.</summary>
public interface ITableFormat
{
    /// <summary>The name used on the command line and in scenarios.</summary>
    string Name { get; }

    /// <summary>File extension including the dot.</summary>
    string Extension { get; }

    /// <summary>Opens a writer for a new file at <paramref name="path"/> (written to a temporary name first).</summary>
    ITableWriter Create(string path, TableSchema schema, TableWriterOptions options);
}

/// <summary>Options shared by writers.</summary>
/// <param name="RowGroupRows">Target rows per row group, where the format has them.</param>
/// <param name="Document">What a single-document format (JSON) writes around the rows, or null for defaults.</param>
public sealed record TableWriterOptions(int RowGroupRows, DocumentInfo? Document = null);

/// <summary>The metadata before and the statistics after the rows of a JSON document.</summary>
/// <param name="GeneratedAt">The <c>generated_at</c> instant.</param>
/// <param name="Counts">Further metadata counts, e.g. <c>num_users</c>, in order.</param>
/// <param name="Statistics">Makes the accumulator whose block follows the rows, or null for none.</param>
public sealed record DocumentInfo(DateTime GeneratedAt, IReadOnlyList<(string Key, long Value)> Counts, Func<Quality.InteractionStatistics>? Statistics);
