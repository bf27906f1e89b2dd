using System.Buffers;
using System.Text;
using System.Text.Json;

namespace RecForge.Output;

/// <summary>RFC 4180 CSV with a header row; lists and vectors as JSON arrays in quoted cells, timestamps ISO-8601 UTC.</summary>
public sealed class CsvTableFormat : ITableFormat
{
    /// <inheritdoc />
    public string Name => "csv";

    /// <inheritdoc />
    public string Extension => ".csv";

    /// <inheritdoc />
    public ITableWriter Create(string path, TableSchema schema, TableWriterOptions options) => new Writer(path, schema);

    private sealed class Writer : ITableWriter
    {
        private readonly AtomicFile _file;
        private readonly StreamWriter _out;
        private readonly ArrayBufferWriter<byte> _buffer = new();
        private long _rows;

        public Writer(string path, TableSchema schema)
        {
            _file = new AtomicFile(path);
            _out = new StreamWriter(_file.TemporaryPath, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
            for (int i = 0; i < schema.Columns.Count; i++)
            {
                _out.Write(i == 0 ? "" : ",");
                WriteText(schema.Columns[i].Name);
            }

            _out.WriteLine();
        }

        public void Write(ColumnBatch batch)
        {
            for (int row = 0; row < batch.Count; row++)
            {
                for (int c = 0; c < batch.Columns.Length; c++)
                {
                    if (c > 0)
                    {
                        _out.Write(',');
                    }

                    WriteCell(batch, c, row);
                }

                _out.WriteLine();
            }

            _rows += batch.Count;
            _file.Grew();
        }

        public IReadOnlyList<WrittenFile> Complete()
        {
            _out.Dispose();
            return [_file.Commit(_rows)];
        }

        public void Dispose()
        {
            _out.Dispose();
            _file.Dispose();
        }

        private void WriteCell(ColumnBatch batch, int c, int row)
        {
            switch (batch.Schema.Columns[c].Kind)
            {
                case ColumnKind.Int64:
                    _out.Write(batch.Column<long>(c)[row]);
                    break;
                case ColumnKind.Double:
                    _out.Write(TextValues.Double(batch.Column<double>(c)[row]));
                    break;
                case ColumnKind.String or ColumnKind.Json:
                    WriteText(batch.Column<string>(c)[row]);
                    break;
                case ColumnKind.Uuid:
                    _out.Write(batch.Column<Guid>(c)[row].ToString("D"));
                    break;
                case ColumnKind.Timestamp:
                    _out.Write(TextValues.Timestamp(batch.Column<DateTime>(c)[row]));
                    break;
                default:
                    _buffer.ResetWrittenCount();
                    using (var json = new Utf8JsonWriter(_buffer, TextValues.JsonOptions))
                    {
                        TextValues.WriteJson(json, batch, c, row);
                    }

                    WriteText(Encoding.UTF8.GetString(_buffer.WrittenSpan));
                    break;
            }
        }

        private void WriteText(string text)
        {
            if (text.AsSpan().IndexOfAny(",\"\n\r") < 0)
            {
                _out.Write(text);
                return;
            }

            _out.Write('"');
            _out.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
            _out.Write('"');
        }
    }
}
