using System.Globalization;
using System.Text.Json;
using RecForge.Cli.Commands;
using RecForge.Output;
using RecForge.Quality;
using RecForge.Text;

namespace RecForge.Cli.Validation;

/// <summary>
/// Reads a table RecForge wrote as CSV back into typed batches, using the schema the scenario gives it: numbers,
/// UUIDs and ISO-8601 timestamps parsed, lists and vectors from their JSON cells, and hive partition columns
/// (<c>genre=Drama/</c>) rebuilt from the directory names. A value that does not parse names the file and line.
/// </summary>
internal static class CsvTableView
{
    private const int BatchRows = 65_536;

    public static TableView Open(string directory, ManifestTable table, TableSchema schema)
        => new(table.Name, schema, () => Read(directory, table, schema));

    private static IEnumerable<ColumnBatch> Read(string directory, ManifestTable table, TableSchema schema)
    {
        var batch = new ColumnBatch(schema, BatchRows);
        foreach (ManifestFile file in table.Files)
        {
            string path = Path.Combine(directory, file.Path);
            if (!File.Exists(path))
            {
                throw new InvalidDataException($"{path}: missing");
            }

            Dictionary<string, string> partition = PartitionValues(file.Path);
            using StreamReader reader = File.OpenText(path);
            long line = 0;
            int[]? index = null;
            foreach (string[] record in CsvRecords.Stream(reader))
            {
                line++;
                if (index is null)
                {
                    index = [.. schema.Columns.Select(c => Array.IndexOf(record, c.Name) is >= 0 and var i ? i
                        : partition.ContainsKey(c.Name) ? -1 : throw new InvalidDataException($"{path}: no column '{c.Name}' (has {string.Join(", ", record)})"))];
                    continue;
                }

                if (record.Length == 1 && record[0].Length == 0)
                {
                    continue;
                }

                for (int c = 0; c < index.Length; c++)
                {
                    string text = index[c] < 0 ? partition[schema.Columns[c].Name]
                        : index[c] < record.Length ? record[index[c]]
                        : throw new InvalidDataException($"{path}:{line}: {record.Length} fields, expected {index.Length}");
                    Parse(batch, c, text, path, line);
                }

                if (++batch.Count == BatchRows)
                {
                    yield return batch;
                    batch.Count = 0;
                }
            }
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private static Dictionary<string, string> PartitionValues(string relativePath)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string part in relativePath.Split('/'))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                values[part[..eq]] = Uri.UnescapeDataString(part[(eq + 1)..]);
            }
        }

        return values;
    }

    // Lists and vectors are JSON arrays in their cells.
    private static bool TryJson<T>(string text, out T[] value)
    {
        try
        {
            value = JsonSerializer.Deserialize<T[]>(text) ?? [];
            return true;
        }
        catch (JsonException)
        {
            value = [];
            return false;
        }
    }

    private static void Parse(ColumnBatch batch, int c, string text, string path, long line)
    {
        ColumnSpec spec = batch.Schema.Columns[c];
        int r = batch.Count;
        bool ok = true;
        switch (batch.Columns[c])
        {
            case long[] l:
                ok = long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out l[r]);
                break;
            case double[] d:
                ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out d[r]);
                break;
            case string[] s:
                s[r] = text;
                break;
            case Guid[] g:
                ok = Guid.TryParse(text, out g[r]);
                break;
            case DateTime[] t:
                ok = DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out t[r]);
                break;
            case string[][] lists:
                ok = TryJson(text, out lists[r]);
                break;
            case float[][] vectors:
                ok = TryJson(text, out vectors[r]);
                break;
            default:
                throw new InvalidDataException($"{path}: column '{spec.Name}' ({spec.Kind}) cannot be read back from CSV");
        }

        if (!ok)
        {
            throw new InvalidDataException($"{path}:{line}: {spec.Name} '{text}' is not a valid {spec.Kind.ToString().ToLowerInvariant()}");
        }
    }
}
