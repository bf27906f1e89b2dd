using System.Globalization;
using System.Text;

namespace RecForge.Output;

/// <summary>
/// Splits rows into hive-style directories by the values of some columns (<c>release_year=2019/genre=Drama/</c>),
/// one file per directory, and leaves those columns out of the files as Hive, Spark and DuckDB expect.
/// </summary>
internal sealed class HivePartitionedWriter : ITableWriter
{
    private readonly ITableFormat _format;
    private readonly string _directory;
    private readonly string _fileName;
    private readonly TableWriterOptions _options;
    private readonly int[] _keyColumns;
    private readonly int[] _dataColumns;
    private readonly TableSchema _dataSchema;
    private readonly SortedDictionary<string, Partition> _open = new(StringComparer.Ordinal);
    private readonly StringBuilder _key = new();

    /// <summary>Creates the writer; files are <c>{directory}/{k1=v1}/.../{fileName}{extension}</c>.</summary>
    public HivePartitionedWriter(ITableFormat format, string directory, string fileName, TableSchema schema, IReadOnlyList<string> partitionBy, TableWriterOptions options)
    {
        _format = format;
        _directory = directory;
        _fileName = fileName;
        _options = options;
        _keyColumns = [.. partitionBy.Select(schema.IndexOf)];
        _dataColumns = [.. Enumerable.Range(0, schema.Columns.Count).Where(i => Array.IndexOf(_keyColumns, i) < 0)];
        _dataSchema = schema with { Columns = [.. _dataColumns.Select(i => schema.Columns[i])] };
    }

    /// <summary>
    /// Rows staged per directory before its file is opened and they are handed to it. Directories with fewer rows are
    /// written one at a time in <see cref="Complete"/>, so thousands of small partitions never hold thousands of
    /// open files.
    /// </summary>
    public int StagingRows { get; init; } = 4096;

    /// <inheritdoc />
    public void Write(ColumnBatch batch)
    {
        for (int row = 0; row < batch.Count; row++)
        {
            string key = Key(batch, row);
            if (!_open.TryGetValue(key, out Partition? target))
            {
                target = new Partition(Path.Combine(_directory, key, _fileName + _format.Extension), new ColumnBatch(_dataSchema, 16));
                _open[key] = target;
            }

            if (target.Batch.Count == target.Batch.Capacity)
            {
                if (target.Batch.Capacity < StagingRows)
                {
                    target.Batch.Grow(Math.Min(StagingRows, target.Batch.Capacity * 4));
                }
                else
                {
                    target.Writer ??= _format.Create(target.Path, _dataSchema, _options);
                    target.Writer.Write(target.Batch);
                    target.Batch.Count = 0;
                }
            }

            target.Batch.AppendRow(batch, row, _dataColumns);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<WrittenFile> Complete()
    {
        var files = new List<WrittenFile>();
        foreach (Partition partition in _open.Values)
        {
            partition.Writer ??= _format.Create(partition.Path, _dataSchema, _options);
            if (partition.Batch.Count > 0)
            {
                partition.Writer.Write(partition.Batch);
                partition.Batch.Count = 0;
            }

            files.AddRange(partition.Writer.Complete());
            partition.Writer.Dispose();
            partition.Writer = null;
        }

        return files;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (Partition partition in _open.Values)
        {
            partition.Writer?.Dispose();
        }
    }

    private string Key(ColumnBatch batch, int row)
    {
        _key.Clear();
        foreach (int c in _keyColumns)
        {
            if (_key.Length > 0)
            {
                _key.Append(Path.DirectorySeparatorChar);
            }

            string value = batch.Columns[c] switch
            {
                long[] l => l[row].ToString(CultureInfo.InvariantCulture),
                double[] d => TextValues.Double(d[row]),
                string[] s => s[row],
                _ => throw new NotSupportedException($"cannot partition by column '{batch.Schema.Columns[c].Name}'"),
            };
            _key.Append(batch.Schema.Columns[c].Name).Append('=');
            Escape(value, _key);
        }

        return _key.ToString();
    }

    private sealed class Partition(string path, ColumnBatch batch)
    {
        public string Path { get; } = path;

        public ColumnBatch Batch { get; } = batch;

        public ITableWriter? Writer { get; set; }
    }

    /// <summary>
    /// Escapes a partition value the way Hive's FileUtils.escapePathName does (percent-encoding a fixed set), plus space,
    /// '&lt;', '&gt;' and '|': folder names stay valid on Windows and safe in shell loops, and DuckDB's
    /// <c>hive_partitioning</c> decodes them back to the value (tested).
    /// </summary>
    public static void Escape(string value, StringBuilder into)
    {
        foreach (char ch in value)
        {
            if (ch <= ' ' || ch is '<' or '>' or '|' or '"' or '#' or '%' or '\'' or '*' or '/' or ':' or '=' or '?' or '\\' or '\x7F' or '{' or '[' or ']' or '^')
            {
                into.Append('%').Append(((int)ch).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                into.Append(ch);
            }
        }
    }
}
