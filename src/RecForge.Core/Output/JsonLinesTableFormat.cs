using System.Text.Json;

namespace RecForge.Output;

/// <summary>JSON Lines: one JSON object per row, JSON columns embedded as objects.</summary>
public sealed class JsonLinesTableFormat : ITableFormat
{
    /// <inheritdoc />
    public string Name => "jsonl";

    /// <inheritdoc />
    public string Extension => ".jsonl";

    /// <inheritdoc />
    public ITableWriter Create(string path, TableSchema schema, TableWriterOptions options) => new Writer(path, schema);

    private sealed class Writer : ITableWriter
    {
        private static readonly byte[] NewLine = "\n"u8.ToArray();
        private readonly AtomicFile _file;
        private readonly FileStream _stream;
        private readonly Utf8JsonWriter _json;
        private readonly JsonEncodedText[] _names;
        private long _rows;

        public Writer(string path, TableSchema schema)
        {
            _file = new AtomicFile(path);
            _stream = new FileStream(_file.TemporaryPath, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
            _json = new Utf8JsonWriter(_stream, TextValues.JsonOptions);
            _names = [.. schema.Columns.Select(c => JsonEncodedText.Encode(c.Name))];
        }

        public void Write(ColumnBatch batch)
        {
            for (int row = 0; row < batch.Count; row++)
            {
                TextValues.WriteRow(_json, _names, batch, row);
                _json.Flush();
                _json.Reset();
                _stream.Write(NewLine);
            }

            _rows += batch.Count;
            _file.Grew();
        }

        public IReadOnlyList<WrittenFile> Complete()
        {
            _json.Dispose();
            _stream.Dispose();
            return [_file.Commit(_rows)];
        }

        public void Dispose()
        {
            _json.Dispose();
            _stream.Dispose();
            _file.Dispose();
        }
    }
}
