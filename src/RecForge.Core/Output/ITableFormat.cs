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
