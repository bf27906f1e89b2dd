using System.Globalization;
using System.Text;
using System.Text.Json;
using RecForge.Output;

namespace RecForge.Reading;

/// <summary>
/// A table RecForge wrote as JSON Lines (<c>jsonl</c>: one object per line) or JSON documents (<c>json</c>: the rows
/// are the array named after the table), read back with the scenario's schema: ids, numbers, lists, vectors,
/// ISO-8601 timestamps, JSON columns as their raw text, and hive partition columns rebuilt from directory names.
/// </summary>
public sealed class JsonDatasetTable : DatasetTable
{
    private readonly string _directory;
    private readonly bool _document;
    private readonly byte[][] _names;

    /// <summary>Opens <paramref name="table"/> in <paramref name="directory"/>; <paramref name="document"/> for the <c>json</c> format.</summary>
    public JsonDatasetTable(string directory, ManifestTable table, TableSchema schema, bool document)
        : base(table, ReadSchema.Of(schema))
    {
        _directory = directory;
        _document = document;
        _names = [.. Schema.Columns.Select(c => Encoding.UTF8.GetBytes(c.Name))];
    }

    /// <inheritdoc />
    public override IEnumerable<ColumnBatch> Read(int batchRows = DefaultBatchRows, CancellationToken cancellation = default)
    {
        var batch = new ColumnBatch(Schema, batchRows);
        return Batches(batch, batchRows, Fill(batch), cancellation);
    }

    // Writes each row at batch.Count, then yields.
    private IEnumerable<bool> Fill(ColumnBatch batch)
    {
        bool[] seen = new bool[Schema.Columns.Count];
        foreach (ManifestFile file in Table.Files)
        {
            string path = Path.Combine(_directory, file.Path);
            if (!File.Exists(path))
            {
                throw new InvalidDataException($"{path}: missing");
            }

            Dictionary<string, string> partition = HivePath.Values(file.Path);
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using IEnumerator<ReadOnlyMemory<byte>> rows = JsonRowScanner.Rows(stream, _document ? Table.Name : null).GetEnumerator();
            long number = 0;
            while (Next(rows, path))
            {
                number++;
                Array.Clear(seen);
                try
                {
                    ParseRow(rows.Current.Span, batch, seen);
                }
                catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException)
                {
                    throw new InvalidDataException($"{path}: row {number}: {e.Message.Split('\n')[0].Trim()}", e);
                }

                for (int c = 0; c < seen.Length; c++)
                {
                    if (!seen[c])
                    {
                        string name = Schema.Columns[c].Name;
                        if (!partition.TryGetValue(name, out string? text) || !TextCell.TryParse(batch.Columns[c], batch.Count, text))
                        {
                            throw new InvalidDataException($"{path}: row {number}: no value for column '{name}'");
                        }
                    }
                }

                yield return true;
            }
        }
    }

    private static bool Next(IEnumerator<ReadOnlyMemory<byte>> rows, string path)
    {
        try
        {
            return rows.MoveNext();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    private void ParseRow(ReadOnlySpan<byte> json, ColumnBatch batch, bool[] seen)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        int row = batch.Count;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Property names are matched as UTF-8 bytes: no string per cell.
            int c = ColumnOf(ref reader);
            reader.Read();
            if (c < 0)
            {
                reader.Skip();
                continue;
            }

            seen[c] = true;
            ColumnSpec spec = Schema.Columns[c];
            switch (batch.Columns[c])
            {
                case long[] l:
                    l[row] = reader.GetInt64();
                    break;
                case double[] d:
                    d[row] = reader.GetDouble();
                    break;
                case string[] s when spec.Kind == ColumnKind.Json:
                    int start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    s[row] = Encoding.UTF8.GetString(json[start..(int)reader.BytesConsumed]);
                    break;
                case string[] s:
                    s[row] = reader.GetString()!;
                    break;
                case Guid[] g:
                    g[row] = reader.GetGuid();
                    break;
                case DateTime[] t:
                    string text = reader.GetString()!;
                    t[row] = DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime when)
                        ? when : throw new FormatException($"{spec.Name} '{text}' is not an ISO-8601 time");
                    break;
                case string[][] lists:
                    lists[row] = ReadArray(ref reader, static (ref Utf8JsonReader r) => r.GetString()!, spec);
                    break;
                case float[][] vectors:
                    vectors[row] = ReadArray(ref reader, static (ref Utf8JsonReader r) => r.GetSingle(), spec);
                    break;
                default:
                    throw new NotSupportedException(spec.Kind.ToString());
            }
        }
    }

    private int ColumnOf(ref Utf8JsonReader reader)
    {
        for (int c = 0; c < _names.Length; c++)
        {
            if (reader.ValueTextEquals(_names[c]))
            {
                return c;
            }
        }

        return -1;
    }

    private delegate T ValueReader<T>(ref Utf8JsonReader reader);

    private static T[] ReadArray<T>(ref Utf8JsonReader reader, ValueReader<T> value, ColumnSpec spec)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new FormatException($"{spec.Name} is not an array");
        }

        var items = new List<T>(spec.Dimension);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(value(ref reader));
        }

        return [.. items];
    }
}
