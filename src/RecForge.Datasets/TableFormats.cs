using RecForge.Output;
using RecForge.Output.Parquet;

namespace RecForge.Datasets;

/// <summary>The table formats generate writes and <see cref="RecForgeDataset"/> reads back.</summary>
public static class TableFormats
{
    /// <summary>Parquet, CSV, JSON Lines and JSON documents, by their names <c>parquet</c>, <c>csv</c>, <c>jsonl</c>, <c>json</c>.</summary>
    public static IReadOnlyList<ITableFormat> All { get; } = [new ParquetTableFormat(), new CsvTableFormat(), new JsonLinesTableFormat(), new JsonDocumentTableFormat()];

    /// <summary>The format called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No format has that name.</exception>
    public static ITableFormat Named(string name)
    {
        foreach (ITableFormat format in All)
        {
            if (format.Name == name)
            {
                return format;
            }
        }

        throw new ArgumentException($"unknown format '{name}' (expected {string.Join(", ", All.Select(f => f.Name))})", nameof(name));
    }
}
