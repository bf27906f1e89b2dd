using System.Globalization;
using System.Text.Json;

namespace RecForge.Output;

/// <summary>Invariant, round-trip text forms of column values shared by the CSV, JSON Lines and Kafka writers.</summary>
public static class TextValues
{
    /// <summary>ISO-8601 UTC with second resolution, as written to text formats.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>
    /// JSON writer options for data files: only what JSON requires is escaped, so "R&amp;B" and "Drama > Crime" stay
    /// readable (the default encoder, built for HTML, writes \u0026 and \u003E).
    /// </summary>
    public static JsonWriterOptions JsonOptions { get; } = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A double in shortest round-trip form, with a decimal point when whole (<c>5.0</c>, not <c>5</c>), so text readers see a float.</summary>
    public static string Double(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return double.IsFinite(value) && text.AsSpan().IndexOfAny('.', 'E') < 0 ? text + ".0" : text;
    }

    /// <summary>A timestamp in <see cref="TimestampFormat"/>.</summary>
    public static string Timestamp(DateTime value) => value.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>Writes row <paramref name="row"/> as one JSON object whose keys are <paramref name="names"/> (the schema's columns, pre-encoded).</summary>
    public static void WriteRow(Utf8JsonWriter json, ReadOnlySpan<JsonEncodedText> names, ColumnBatch batch, int row)
    {
        json.WriteStartObject();
        for (int c = 0; c < names.Length; c++)
        {
            json.WritePropertyName(names[c]);
            WriteJson(json, batch, c, row);
        }

        json.WriteEndObject();
    }

    /// <summary>Writes one cell as a JSON value (texts as strings, JSON columns raw, lists as arrays).</summary>
    public static void WriteJson(Utf8JsonWriter json, ColumnBatch batch, int column, int row)
    {
        ColumnSpec spec = batch.Schema.Columns[column];
        switch (spec.Kind)
        {
            case ColumnKind.Int64:
                json.WriteNumberValue(batch.Column<long>(column)[row]);
                break;
            case ColumnKind.Double:
                json.WriteNumberValue(batch.Column<double>(column)[row]);
                break;
            case ColumnKind.String:
                json.WriteStringValue(batch.Column<string>(column)[row]);
                break;
            case ColumnKind.Json:
                json.WriteRawValue(batch.Column<string>(column)[row], skipInputValidation: true);
                break;
            case ColumnKind.StringList:
                json.WriteStartArray();
                foreach (string s in batch.Column<string[]>(column)[row])
                {
                    json.WriteStringValue(s);
                }

                json.WriteEndArray();
                break;
            case ColumnKind.FloatVector:
                json.WriteStartArray();
                foreach (float f in batch.Column<float[]>(column)[row])
                {
                    json.WriteNumberValue(f);
                }

                json.WriteEndArray();
                break;
            case ColumnKind.HalfVector:
                json.WriteStartArray();
                byte[] packed = batch.Column<byte[]>(column)[row];
                for (int i = 0; i < packed.Length; i += 2)
                {
                    json.WriteNumberValue((float)System.Buffers.Binary.BinaryPrimitives.ReadHalfLittleEndian(packed.AsSpan(i)));
                }

                json.WriteEndArray();
                break;
            case ColumnKind.Uuid:
                json.WriteStringValue(batch.Column<Guid>(column)[row]);
                break;
            case ColumnKind.Timestamp:
                json.WriteStringValue(Timestamp(batch.Column<DateTime>(column)[row]));
                break;
        }
    }
}
