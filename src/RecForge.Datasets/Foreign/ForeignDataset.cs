using RecForge.Datasets.Logs;
using RecForge.Quality;
using YamlDotNet.RepresentationModel;

namespace RecForge.Datasets.Foreign;

/// <summary>
/// Data RecForge did not write, described by a mapping file:
/// <code>
/// events: { path: ratings.csv, user: userId, item: movieId, timestamp: timestamp, rating: rating }
/// items:  { path: movies.csv, key: movieId, category: genres }     # optional
/// </code>
/// Paths are relative to the mapping file; CSV (streamed) or Parquet (a file or a directory of files).
/// </summary>
public static class ForeignDataset
{
    /// <summary>Reads the mapping file at <paramref name="mappingPath"/> and opens the tables it names.</summary>
    /// <exception cref="InvalidDataException">Malformed mapping, unknown fields, missing files or columns.</exception>
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
            return ForeignCsvTable.Open(path, name, wanted, numeric, timestamp).AsView();
        }

        return LogFiles.OpenParquet(path, name).AsView();
    }
}
