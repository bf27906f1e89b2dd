using System.Globalization;
using RecForge.Cli.Commands;
using RecForge.Cli.Validation;
using RecForge.Evaluation;
using RecForge.Output;
using RecForge.Quality;

namespace RecForge.Cli.Evaluation;

/// <summary>Reads an interaction log for evaluation: a CSV file with named columns, or a dataset RecForge wrote.</summary>
internal static class LogReader
{
    /// <summary>The events of <paramref name="path"/>: a RecForge dataset directory (its scenario names the columns) or a CSV file.</summary>
    public static IEnumerable<LogEvent> Read(string path, LogColumns columns, string? scenario = null)
    {
        if (Directory.Exists(path))
        {
            var (view, _, _) = RecForgeDataset.Load(path, scenario);
            return FromView(view.Events, view.Columns);
        }

        return File.Exists(path) ? FromCsv(path, columns) : throw new InvalidDataException($"{path}: no such file or dataset directory");
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

    private static IEnumerable<LogEvent> FromView(TableView events, DatasetColumns c)
    {
        foreach (ColumnBatch batch in events.Read())
        {
            TableSchema s = batch.Schema;
            Array users = batch.Columns[s.IndexOf(c.EventUser)], items = batch.Columns[s.IndexOf(c.EventItem)];
            double[]? ratings = c.Rating is { } r && s.IndexOf(r) >= 0 ? batch.Columns[s.IndexOf(r)] as double[] : null;
            DateTime[]? times = c.Timestamp is { } t && s.IndexOf(t) >= 0 ? batch.Columns[s.IndexOf(t)] as DateTime[] : null;
            for (int row = 0; row < batch.Count; row++)
            {
                yield return new LogEvent(Text(users, row), Text(items, row), ratings?[row] ?? double.NaN,
                    times is null ? 0 : (long)(times[row] - DateTime.UnixEpoch).TotalSeconds);
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
                    columns.Rating is null ? -1 : Find(record, columns.Rating, path), columns.Timestamp is null ? -1 : Find(record, columns.Timestamp, path)];
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

/// <summary>Column names of a CSV log.</summary>
internal sealed record LogColumns(string User, string Item, string? Rating, string? Timestamp);
