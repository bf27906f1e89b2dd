using System.Text.Json;
using RecForge.Quality;

namespace RecForge.Output;

/// <summary>
/// One JSON document per file: <c>{"metadata": {generated_at, counts…}, "&lt;table&gt;": [rows…], "statistics": {…}}</c>.
/// Rows are streamed (flushed after every batch) and the statistics are tallied from the same rows as they pass, so a
/// file of 10M interactions never holds 10M objects in memory.
/// </summary>
public sealed class JsonDocumentTableFormat : ITableFormat
{
    /// <inheritdoc />
    public string Name => "json";

    /// <inheritdoc />
    public string Extension => ".json";

    /// <inheritdoc />
    public ITableWriter Create(string path, TableSchema schema, TableWriterOptions options) => new Writer(path, schema, options.Document);

    private sealed class Writer : ITableWriter
    {
        private readonly AtomicFile _file;
        private readonly FileStream _stream;
        private readonly Utf8JsonWriter _json;
        private readonly JsonEncodedText[] _names;
        private readonly InteractionStatistics? _statistics;
        private long _rows;

        public Writer(string path, TableSchema schema, DocumentInfo? document)
        {
            _file = new AtomicFile(path);
            _stream = new FileStream(_file.TemporaryPath, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
            _json = new Utf8JsonWriter(_stream, TextValues.JsonOptions);
            _names = [.. schema.Columns.Select(c => JsonEncodedText.Encode(c.Name))];
            _statistics = document?.Statistics?.Invoke();
            _json.WriteStartObject();
            _json.WriteStartObject("metadata");
            _json.WriteString("generated_at", TextValues.Timestamp(document?.GeneratedAt ?? DateTime.UnixEpoch));
            foreach (var (key, value) in document?.Counts ?? [])
            {
                _json.WriteNumber(key, value);
            }

            _json.WriteEndObject();
            _json.WriteStartArray(schema.Name);
        }

        public void Write(ColumnBatch batch)
        {
            for (int row = 0; row < batch.Count; row++)
            {
                TextValues.WriteRow(_json, _names, batch, row);
            }

            _statistics?.Add(batch);
            _rows += batch.Count;
            _json.Flush();
            _file.Grew();
        }

        public IReadOnlyList<WrittenFile> Complete()
        {
            _json.WriteEndArray();
            if (_statistics is not null)
            {
                _json.WritePropertyName("statistics");
                _statistics.WriteJson(_json);
            }

            _json.WriteEndObject();
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
