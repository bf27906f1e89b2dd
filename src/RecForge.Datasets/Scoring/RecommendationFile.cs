using RecForge.Datasets.Foreign;
using RecForge.Datasets.Logs;
using RecForge.Output;
using RecForge.Reading;
using RecForge.Truth;

namespace RecForge.Datasets.Scoring;

/// <summary>
/// Reads a recommendations file as recommender libraries write it: a CSV or Parquet file with a user column, an item
/// column and a <c>rank</c> (1 first) or a <c>score</c> (higher first) column, one row per recommended item.
/// </summary>
public static class RecommendationFile
{
    /// <summary>How errors locate a line of <paramref name="path"/>: <c>path: line</c> (CSV, the header is line 1) or <c>path: row</c> (Parquet).</summary>
    public static string Location(string path) => path + (path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? ": row" : ": line");

    /// <summary>
    /// The lines of <paramref name="path"/>: user and item from the first of <paramref name="userColumns"/> and
    /// <paramref name="itemColumns"/> the file has, the order from <c>rank</c>, else from <c>score</c>.
    /// </summary>
    /// <exception cref="InvalidDataException">No such file, a missing column, or a rank or score that is not a number (the message names the file).</exception>
    public static IEnumerable<Recommendation> Read(string path, IReadOnlyList<string> userColumns, IReadOnlyList<string> itemColumns)
    {
        bool parquet = path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);
        DatasetTable? parquetTable = parquet ? LogFiles.OpenParquet(path, "recommendations") : null;
        string[] header = parquetTable is not null ? [.. parquetTable.Schema.Columns.Select(c => c.Name)] : ForeignCsvTable.Header(path);
        string user = Pick(path, header, userColumns);
        string item = Pick(path, header, itemColumns);
        string order = Pick(path, header, ["rank", "score"]);
        DatasetTable table = parquetTable ?? ForeignCsvTable.Open(path, "recommendations", [user, item, order], [order], null);
        return Lines(path, table, user, item, order, negate: order == "score", firstRow: parquet ? 1 : 2);
    }

    private static string Pick(string path, string[] header, IReadOnlyList<string> names)
        => names.FirstOrDefault(n => Array.IndexOf(header, n) >= 0)
            ?? throw new InvalidDataException($"{path}: no column {string.Join(" or ", names.Distinct().Select(n => $"'{n}'"))} (has {string.Join(", ", header)})");

    private static IEnumerable<Recommendation> Lines(string path, DatasetTable table, string user, string item, string order, bool negate, long firstRow)
    {
        long row = firstRow - 1;
        foreach (ColumnBatch batch in table.Read())
        {
            TableSchema s = batch.Schema;
            Array users = batch.Columns[s.IndexOf(user)], items = batch.Columns[s.IndexOf(item)], orders = batch.Columns[s.IndexOf(order)];
            for (int r = 0; r < batch.Count; r++)
            {
                row++;
                double value = orders switch
                {
                    double[] d => d[r],
                    long[] l => l[r],
                    _ => throw new InvalidDataException($"{path}: column '{order}' is not numeric"),
                };
                yield return new Recommendation(LogFiles.Text(users, r), LogFiles.Text(items, r), negate ? -value : value, row, negate);
            }
        }
    }
}
