using System.Buffers;
using System.Text;
using System.Text.Json;
using RecForge.Scenarios;

namespace RecForge.Generation;

/// <summary>Renders a JSON attribute: an object whose fields are other attributes' values (nested JSON raw, lists and vectors as arrays).</summary>
internal sealed class JsonCellRenderer
{
    private readonly ArrayBufferWriter<byte> _json = new(256);

    // One writer for every row, reset to the emptied buffer (a writer per row was ~150 bytes of garbage a row).
    private readonly Utf8JsonWriter _writer;

    public JsonCellRenderer() => _writer = new Utf8JsonWriter(_json);

    /// <summary>The JSON text of <paramref name="j"/> from the cells of its fields.</summary>
    public string Render(JsonAttribute j, Cell[] cells)
    {
        _json.ResetWrittenCount();
        Utf8JsonWriter json = _writer;
        json.Reset(_json);
        json.WriteStartObject();
        for (int i = 0; i < j.Fields.Count; i++)
        {
            var (key, source) = j.Fields[i];
            json.WritePropertyName(key);
            Cell c = cells[source.Slot];
            switch (source)
            {
                case JsonAttribute:
                    json.WriteRawValue(c.Text!, skipInputValidation: true);
                    break;
                case SetAttribute or WorldAttribute { Kind: WorldValueKind.TasteClusters } or ColumnAttribute { Lists: not null }:
                    json.WriteStartArray();
                    foreach (string s in c.List!)
                    {
                        json.WriteStringValue(s);
                    }

                    json.WriteEndArray();
                    break;
                case VectorAttribute or WorldAttribute { Kind: WorldValueKind.PreferenceProfile or WorldValueKind.Embedding }:
                    json.WriteStartArray();
                    foreach (float f in c.Vector!)
                    {
                        json.WriteNumberValue(f);
                    }

                    json.WriteEndArray();
                    break;
                default:
                    if (c.Text is not null)
                    {
                        json.WriteStringValue(c.Text);
                    }
                    else if (source is NumberAttribute { Integer: true } or ExpressionAttribute { Integer: true } or ColumnAttribute { Integers: not null })
                    {
                        json.WriteNumberValue((long)c.Number);
                    }
                    else
                    {
                        json.WriteNumberValue(c.Number);
                    }

                    break;
            }
        }

        json.WriteEndObject();
        json.Flush();
        return Encoding.UTF8.GetString(_json.WrittenSpan);
    }
}
