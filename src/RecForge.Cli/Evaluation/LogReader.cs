using System.Globalization;
using RecForge.Cli.Commands;
using RecForge.Cli.Validation;
using RecForge.Evaluation;
using RecForge.Output;
using RecForge.Quality;
using RecForge.Text;

namespace RecForge.Cli.Evaluation;

/// <summary>Reads an interaction log for evaluation: a CSV file with named columns, or a dataset RecForge wrote.</summary>
internal static class LogReader
{
    /// <summary>
    /// The events of <paramref name="path"/>: a RecForge dataset directory (its scenario names the columns), a
    /// Parquet file, or a CSV file.
    /// </summary>
    public static IEnumerable<LogEvent> Read(string path, LogColumns columns, string? scenario = null)
    {
        if (Directory.Exists(path))
        {
            var (view, _, _) = RecForgeDataset.Load(path, scenario);
            return FromView(view.Events, view.Columns, path);
        }

        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: no such file or dataset directory");
        }

        return path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? FromParquet(path, columns) : FromCsv(path, columns);
    }

    private static IEnumerable<LogEvent> FromParquet(string path, LogColumns columns)
    {
        string root = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var table = new ManifestTable("log", 0, [new ManifestFile(Path.GetFileName(path), 1, 0, "")]);
        TableView view;
        try
        {
            view = RecForge.Output.Parquet.ParquetTableView.Open(root, table);
        }
        catch (Exception e) when (e is ParquetSharp.ParquetException or IOException)
        {
            throw new InvalidDataException($"{path}: not a readable Parquet file ({e.Message.Split('\n')[0]})");
        }

        TableSchema schema = view.Schema;
        string[] names = [.. schema.Columns.Select(c => c.Name)];
        foreach (string? wanted in new[] { columns.User, columns.Item, columns.RatingOptional ? null : columns.Rating, columns.Timestamp })
        {
            if (wanted is not null && schema.IndexOf(wanted) < 0)
            {
                throw new InvalidDataException($"{path}: no column '{wanted}' (has {string.Join(", ", names)})");
            }
        }

        string? rating = columns.Rating is { } r && schema.IndexOf(r) >= 0 ? r : null;
        return FromView(view, new DatasetColumns(columns.User, columns.Item, Rating: rating, Timestamp: columns.Timestamp), path);
    }

    /// <summary>Item index → categories from a catalogue CSV (MovieLens movies.csv: movieId, genres "A|B").</summary>
    public static Dictionary<int, string[]> Categories(string path, string key, string column, ItemIndex items)
    {
        using StreamReader reader = File.Exists(path) ? File.OpenText(path) : throw new InvalidDataException($"{path}: no such file");
        var result = new Dictionary<int, string[]>();
        int[]? at = null;
        foreach (string[] record in CsvRecords.Stream(reader))
        {
            if (at is null)
            {
                at = [Find(record, key, path), Find(record, column, path)];
                continue;
            }

            if (record.Length > Math.Max(at[0], at[1]))
            {
                result[items.IndexOf(record[at[0]])] = record[at[1]].Split('|', StringSplitOptions.RemoveEmptyEntries);
            }
        }

        return result;
    }

    private static IEnumerable<LogEvent> FromView(TableView events, DatasetColumns c, string path)
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

    private static string Text(Array column, int row) => column switch
    {
        long[] l => l[row].ToString(CultureInfo.InvariantCulture),
        Guid[] g => g[row].ToString("D"),
        string[] s => s[row],
        _ => throw new InvalidDataException($"an id column of {column.GetType().Name} is not supported"),
    };

    private static IEnumerable<LogEvent> FromCsv(string path, LogColumns columns)
    {
        using StreamReader reader = File.OpenText(path);
        int[]? at = null;
        long line = 0;
        foreach (string[] record in CsvRecords.Stream(reader))
        {
            line++;
            if (at is null)
            {
                at = [Find(record, columns.User, path), Find(record, columns.Item, path),
                    columns.Rating is null || (columns.RatingOptional && Array.IndexOf(record, columns.Rating) < 0) ? -1 : Find(record, columns.Rating, path),
                    columns.Timestamp is null ? -1 : Find(record, columns.Timestamp, path)];
                continue;
            }

            if (record.Length == 1 && record[0].Length == 0)
            {
                continue;
            }

            if (record.Length <= at.Max())
            {
                throw new InvalidDataException($"{path}:{line}: {record.Length} fields, expected at least {at.Max() + 1}");
            }

            double rating = double.NaN;
            if (at[2] >= 0 && !double.TryParse(record[at[2]], NumberStyles.Float, CultureInfo.InvariantCulture, out rating))
            {
                throw new InvalidDataException($"{path}:{line}: {columns.Rating} '{record[at[2]]}' is not a number");
            }

            if (at[2] >= 0 && !double.IsFinite(rating))
            {
                throw new InvalidDataException($"{path}:{line}: {columns.Rating} '{record[at[2]]}' is not a finite number");
            }

            long time = 0;
            if (at[3] >= 0)
            {
                string text = record[at[3]];
                time = long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long seconds) ? seconds
                    : DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime when) ? (long)(when - DateTime.UnixEpoch).TotalSeconds
                    : throw new InvalidDataException($"{path}:{line}: {columns.Timestamp} '{text}' is neither epoch seconds nor ISO-8601");
            }

            yield return new LogEvent(record[at[0]], record[at[1]], rating, time);
        }

        if (at is null)
        {
            throw new InvalidDataException($"{path}: empty file");
        }
    }

    private static int Find(string[] header, string name, string path)
        => Array.IndexOf(header, name) is >= 0 and var i ? i : throw new InvalidDataException($"{path}: no column '{name}' (has {string.Join(", ", header)})");
}

/// <summary>Column names of a log; with <paramref name="RatingOptional"/> a missing rating column makes the log implicit.</summary>
internal sealed record LogColumns(string User, string Item, string? Rating, string? Timestamp, bool RatingOptional = false);
