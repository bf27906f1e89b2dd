using System.Globalization;
using RecForge.Datasets.Foreign;
using RecForge.Evaluation;
using RecForge.Output;
using RecForge.Output.Parquet;
using RecForge.Quality;
using RecForge.Reading;

namespace RecForge.Datasets.Logs;

/// <summary>Reads interaction logs for fit and evaluate: a CSV or Parquet file with named columns, or a dataset RecForge wrote.</summary>
public static class LogFiles
{
    /// <summary>
    /// The events of <paramref name="path"/>: a RecForge dataset directory (its scenario names the columns; a scenario
    /// file given as <paramref name="scenario"/> overrides the manifest's), a Parquet file, or a CSV file.
    /// </summary>
    /// <exception cref="InvalidDataException">No such file, a missing column, or a value that does not parse (the message names file and line).</exception>
    public static IEnumerable<LogEvent> Read(string path, LogColumns columns, string? scenario = null)
    {
        if (Directory.Exists(path))
        {
            RecForgeDataset dataset = RecForgeDataset.Open(path, scenario);
            DatasetColumns roles = ScenarioColumns.For(dataset.Scenario);
            return Events(dataset.Table(dataset.Scenario.Events.Table), roles, path);
        }

        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: no such file or dataset directory");
        }

        bool parquet = path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);
        if (parquet && columns.Header is not null)
        {
            throw new InvalidDataException($"{path}: a Parquet file names its own columns (--columns is for a CSV file without a header line)");
        }

        DatasetTable table = parquet ? OpenParquet(path, "log") : OpenCsv(path, columns);
        string[] names = [.. table.Schema.Columns.Select(c => c.Name)];
        foreach (string? wanted in new[] { columns.User, columns.Item, columns.RatingOptional ? null : columns.Rating, columns.Timestamp })
        {
            if (wanted is not null && table.Schema.IndexOf(wanted) < 0)
            {
                throw new InvalidDataException($"{path}: no column '{wanted}' (has {string.Join(", ", names)})");
            }
        }

        string? rating = columns.Rating is { } r && table.Schema.IndexOf(r) >= 0 ? r : null;
        return Events(table, new DatasetColumns(columns.User, columns.Item, Rating: rating, Timestamp: columns.Timestamp), path);
    }

    /// <summary>
    /// Whether the log file at <paramref name="path"/> has a column named <paramref name="column"/> (a RecForge dataset
    /// directory names its own columns: true).
    /// </summary>
    /// <param name="path">The log.</param>
    /// <param name="column">The column looked for.</param>
    /// <param name="header">The names of a CSV file's columns when it has no header line.</param>
    /// <exception cref="InvalidDataException">No such file, or a damaged one.</exception>
    public static bool HasColumn(string path, string column, IReadOnlyList<string>? header = null)
    {
        if (Directory.Exists(path))
        {
            return true;
        }

        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: no such file or dataset directory");
        }

        return path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)
            ? OpenParquet(path, "log").Schema.IndexOf(column) >= 0
            : Array.IndexOf(ForeignCsvTable.Header(path, header), column) >= 0;
    }

    /// <summary>A Parquet file, or a directory of Parquet files read as one table.</summary>
    /// <exception cref="InvalidDataException">No such file or directory, or a damaged file.</exception>
    public static DatasetTable OpenParquet(string path, string name)
    {
        string[] files = Directory.Exists(path) ? [.. Directory.GetFiles(path, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal)]
            : File.Exists(path) ? [path] : throw new InvalidDataException($"{path}: no such file or directory");
        string root = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!;
        var table = new ManifestTable(name, 0, [.. files.Select(f => new ManifestFile(Path.GetRelativePath(root, f).Replace('\\', '/'), 1, 0, ""))]);
        return ParquetDatasetTable.Open(root, table);
    }

    /// <summary>Item index → categories from a catalogue CSV (MovieLens movies.csv: movieId, genres "A|B").</summary>
    /// <exception cref="InvalidDataException">No such file or column.</exception>
    public static Dictionary<int, string[]> Categories(string path, string key, string column, ItemIndex items)
    {
        var result = new Dictionary<int, string[]>();
        foreach (ColumnBatch batch in ForeignCsvTable.Open(path, "items", [key, column], [], null).Read())
        {
            string[] keys = batch.Column<string>(0), values = batch.Column<string>(1);
            for (int row = 0; row < batch.Count; row++)
            {
                result[items.IndexOf(keys[row])] = values[row].Split('|', StringSplitOptions.RemoveEmptyEntries);
            }
        }

        return result;
    }

    // A log's CSV: user and item as text, the rating (when present, or required) as a number, the time as a timestamp.
    private static ForeignCsvTable OpenCsv(string path, LogColumns columns)
    {
        string[] header = ForeignCsvTable.Header(path, columns.Header);
        bool rating = columns.Rating is not null && !(columns.RatingOptional && Array.IndexOf(header, columns.Rating) < 0);
        string[] numeric = rating ? [columns.Rating!] : [];
        string[] wanted = [columns.User, columns.Item, .. numeric, .. columns.Timestamp is null ? Array.Empty<string>() : [columns.Timestamp]];
        return ForeignCsvTable.Open(path, "log", wanted, numeric, columns.Timestamp, columns.Header);
    }

    private static IEnumerable<LogEvent> Events(DatasetTable events, DatasetColumns c, string path)
    {
        foreach (ColumnBatch batch in events.Read())
        {
            TableSchema s = batch.Schema;
            Array users = batch.Columns[s.IndexOf(c.EventUser)], items = batch.Columns[s.IndexOf(c.EventItem)];
            Array? ratings = c.Rating is { } r && s.IndexOf(r) >= 0 ? batch.Columns[s.IndexOf(r)] : null;
            Array? times = c.Timestamp is { } t && s.IndexOf(t) >= 0 ? batch.Columns[s.IndexOf(t)] : null;
            for (int row = 0; row < batch.Count; row++)
            {
                double rating = ratings switch
                {
                    null => double.NaN,
                    double[] d => d[row],
                    long[] l => l[row],
                    _ => throw new InvalidDataException($"{path}: rating column '{c.Rating}' is not numeric"),
                };
                long time = times switch
                {
                    null => 0,
                    DateTime[] d => (long)(d[row] - DateTime.UnixEpoch).TotalSeconds,
                    long[] l => l[row],
                    double[] d => (long)d[row],
                    _ => throw new InvalidDataException($"{path}: time column '{c.Timestamp}' is neither a timestamp nor epoch seconds"),
                };
                yield return new LogEvent(Text(users, row), Text(items, row), rating, time);
            }
        }
    }

    internal static string Text(Array column, int row) => column switch
    {
        long[] l => l[row].ToString(CultureInfo.InvariantCulture),
        Guid[] g => g[row].ToString("D"),
        string[] s => s[row],
        _ => throw new InvalidDataException($"an id column of {column.GetType().Name} is not supported"),
    };
}
