using ParquetSharp;

namespace RecForge.Cli.Tests;

/// <summary>Reads every Parquet file of a table directory (hive sub-directories included) back into columns.</summary>
internal sealed class ParquetTable
{
    private readonly string[] _files;

    public ParquetTable(string directory)
    {
        _files = [.. Directory.GetFiles(directory, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
        Assert.NotEmpty(_files);
    }

    public IReadOnlyList<string> Files => _files;

    public T[] Column<T>(string name)
    {
        var values = new List<T>();
        foreach (string file in _files)
        {
            using var reader = new ParquetFileReader(file);
            int index = -1;
            for (int i = 0; i < reader.FileMetaData.Schema.NumColumns; i++)
            {
                if (reader.FileMetaData.Schema.Column(i).Path.ToDotVector()[0] == name)
                {
                    index = i;
                }
            }

            Assert.True(index >= 0, $"column {name} missing in {file}");
            for (int g = 0; g < reader.FileMetaData.NumRowGroups; g++)
            {
                using RowGroupReader group = reader.RowGroup(g);
                using LogicalColumnReader<T> column = group.Column(index).LogicalReader<T>();
                values.AddRange(column.ReadAll(checked((int)group.MetaData.NumRows)));
            }
        }

        return [.. values];
    }

    /// <summary>The value of a hive partition key (<c>name=value</c> directory) for every row.</summary>
    public string[] Partition(string name)
    {
        var values = new List<string>();
        foreach (string file in _files)
        {
            using var reader = new ParquetFileReader(file);
            string segment = file.Split(Path.DirectorySeparatorChar).Single(s => s.StartsWith(name + "=", StringComparison.Ordinal));
            // Hive folder values are percent-encoded (genre=Drama%20%3E%20Crime), as every hive reader decodes them.
            values.AddRange(Enumerable.Repeat(Uri.UnescapeDataString(segment[(name.Length + 1)..]), checked((int)reader.FileMetaData.NumRows)));
        }

        return [.. values];
    }
}
