using System.Globalization;
using RecForge.Cli.Commands;
using RecForge.Output;
using RecForge.Output.Parquet;
using RecForge.Quality;
using RecForge.Text;
using YamlDotNet.RepresentationModel;

namespace RecForge.Cli.Validation;

/// <summary>
/// Data RecForge did not write, described by a mapping file:
/// <code>
/// events: { path: ratings.csv, user: userId, item: movieId, timestamp: timestamp, rating: rating }
/// items:  { path: movies.csv, key: movieId, category: genres }     # optional
/// </code>
/// Paths are relative to the mapping file; CSV (streamed) or Parquet (a file or a directory of files).
/// </summary>
internal static class ForeignDataset
{
    private const int BatchRows = 65_536;

    public static DatasetView Load(string mappingPath)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            using (StreamReader reader = File.OpenText(mappingPath))
            {
                stream.Load(reader);
            }

            root = stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode m ? m : throw new InvalidDataException($"{mappingPath}: expected a mapping with events (and items)");
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new InvalidDataException($"{mappingPath}:{e.Start.Line}:{e.Start.Column}: malformed YAML");
        }

        string folder = Path.GetDirectoryName(Path.GetFullPath(mappingPath))!;
        Dictionary<string, string> events = Section(root, "events", mappingPath, ["path", "user", "item", "timestamp", "rating", "weight"], ["path", "user", "item"]);
        Dictionary<string, string>? items = root.Children.ContainsKey(new YamlScalarNode("items"))
            ? Section(root, "items", mappingPath, ["path", "key", "category"], ["path", "key"]) : null;
        foreach (var key in root.Children.Keys)
        {
            if (key is YamlScalarNode { Value: not ("events" or "items") } s)
            {
                throw new InvalidDataException($"{mappingPath}:{s.Start.Line}:{s.Start.Column}: unknown field '{s.Value}' (expected events, items)");
            }
        }

        string? rating = events.GetValueOrDefault("rating") ?? events.GetValueOrDefault("weight");
        var columns = new DatasetColumns(events["user"], events["item"], events.GetValueOrDefault("timestamp"), rating,
            ItemKey: items?["key"], ItemCategory: items?.GetValueOrDefault("category"));
        string[] numeric = rating is null ? [] : [rating];
        TableView eventView = Open(Path.Combine(folder, events["path"]), "events", [events["user"], events["item"], .. columns.Timestamp is null ? Array.Empty<string>() : [columns.Timestamp], .. numeric], numeric, columns.Timestamp);
        TableView? itemView = items is null ? null
            : Open(Path.Combine(folder, items["path"]), "items", [items["key"], .. columns.ItemCategory is null ? Array.Empty<string>() : [columns.ItemCategory]], [], null);
        return new DatasetView(eventView, columns, itemView);
    }

    private static Dictionary<string, string> Section(YamlMappingNode root, string name, string path, string[] allowed, string[] required)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(name), out YamlNode? node) || node is not YamlMappingNode section)
        {
            throw new InvalidDataException($"{path}: missing section '{name}' (a mapping with {string.Join(", ", required)})");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in section.Children)
        {
            string k = ((YamlScalarNode)key).Value ?? "";
            if (!allowed.Contains(k))
            {
                throw new InvalidDataException($"{path}:{key.Start.Line}:{key.Start.Column}: {name}.{k}: unknown field (expected one of: {string.Join(", ", allowed)})");
            }

            result[k] = (value as YamlScalarNode)?.Value ?? throw new InvalidDataException($"{path}:{value.Start.Line}:{value.Start.Column}: {name}.{k}: expected a column name or path");
        }

        foreach (string r in required.Where(r => !result.ContainsKey(r)))
        {
            throw new InvalidDataException($"{path}: {name}.{r} is required");
        }

        return result;
    }

    private static TableView Open(string path, string name, string[] wanted, string[] numeric, string? timestamp)
    {
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return Csv(path, name, wanted, numeric, timestamp);
        }

        string[] files = Directory.Exists(path) ? Directory.GetFiles(path, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray()
            : File.Exists(path) ? [path] : throw new InvalidDataException($"{path}: no such file or directory");
        string root = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!;
        var table = new ManifestTable(name, 0, [.. files.Select(f => new ManifestFile(Path.GetRelativePath(root, f).Replace('\\', '/'), 1, 0, ""))]);
        return ParquetTableView.Open(root, table);
    }

    // CSV columns become typed columns: ids and categories as text, numbers as doubles, the time as a timestamp
    // (epoch seconds or ISO-8601). A value that does not parse is a one-line error naming the line.
    private static TableView Csv(string path, string name, string[] wanted, string[] numeric, string? timestamp)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: no such file");
        }

        string[] header;
        using (StreamReader reader = File.OpenText(path))
        {
            header = CsvRecords.Stream(reader).FirstOrDefault() ?? throw new InvalidDataException($"{path}: empty file");
        }

        int[] index = [.. wanted.Select(w => Array.IndexOf(header, w) is >= 0 and var i ? i : throw new InvalidDataException($"{path}: no column '{w}' (has {string.Join(", ", header)})"))];
        var schema = new TableSchema(name, [.. wanted.Select(w => new ColumnSpec(w, w == timestamp ? ColumnKind.Timestamp : numeric.Contains(w) ? ColumnKind.Double : ColumnKind.String))]);
        return new TableView(name, schema, () => ReadCsv(path, schema, index));
    }

    private static IEnumerable<ColumnBatch> ReadCsv(string path, TableSchema schema, int[] index)
    {
        var batch = new ColumnBatch(schema, BatchRows);
        using StreamReader reader = File.OpenText(path);
        long line = 1;
        foreach (string[] record in CsvRecords.Stream(reader).Skip(1))
        {
            line++;
            if (record.Length == 1 && record[0].Length == 0)
            {
                continue;
            }

            int r = batch.Count;
            for (int c = 0; c < index.Length; c++)
            {
                string value = index[c] < record.Length ? record[index[c]] : throw new InvalidDataException($"{path}:{line}: {record.Length} fields, expected at least {index[c] + 1}");
                switch (batch.Columns[c])
                {
                    case string[] s:
                        s[r] = value;
                        break;
                    case double[] d:
                        d[r] = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) ? x
                            : throw new InvalidDataException($"{path}:{line}: {schema.Columns[c].Name} '{value}' is not a number");
                        break;
                    case DateTime[] t:
                        t[r] = long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long seconds) ? DateTime.UnixEpoch.AddSeconds(seconds)
                            : DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime when) ? when
                            : throw new InvalidDataException($"{path}:{line}: {schema.Columns[c].Name} '{value}' is neither epoch seconds nor ISO-8601");
                        break;
                }
            }

            if (++batch.Count == BatchRows)
            {
                yield return batch;
                batch.Count = 0;
            }
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }
}
