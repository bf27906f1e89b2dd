using DuckDB.NET.Data;
using RecForge.Datasets;
using RecForge.Output;

namespace RecForge.Query;

/// <summary>
/// SQL over a dataset: an in-memory DuckDB where every table of the dataset is a view under its own name, in any
/// format generate writes. Views read the files when queried; nothing is copied.
/// </summary>
/// <example><code>
/// using var query = DatasetQuery.Open("out/media");
/// QueryResult r = query.Run("SELECT genre, count(*) FROM interactions JOIN media USING (content_id) GROUP BY genre");
/// </code></example>
public sealed class DatasetQuery : IDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly RecForgeDataset _dataset;

    private DatasetQuery(RecForgeDataset dataset, DuckDBConnection connection)
    {
        _dataset = dataset;
        _connection = connection;
    }

    /// <summary>Opens the dataset in <paramref name="directory"/> and creates a view per table.</summary>
    /// <exception cref="InvalidDataException">No finished dataset there, or DuckDB cannot read a table's files.</exception>
    public static DatasetQuery Open(string directory)
    {
        RecForgeDataset dataset = RecForgeDataset.Open(directory);
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var query = new DatasetQuery(dataset, connection);
        try
        {
            foreach (ManifestTable table in dataset.Manifest.Tables.Where(t => t.Files.Count > 0))
            {
                query.Execute(DatasetViews.Create(dataset, table), $"table '{table.Name}'");
            }
        }
        catch
        {
            query.Dispose();
            throw;
        }

        return query;
    }

    /// <summary>The dataset's tables with their rows and columns.</summary>
    public IReadOnlyList<QueryTable> Tables()
    {
        var tables = new List<QueryTable>();
        foreach (ManifestTable table in _dataset.Manifest.Tables.Where(t => t.Files.Count > 0))
        {
            QueryResult describe = Run(DatasetViews.Describe(table), int.MaxValue);
            tables.Add(new QueryTable(table.Name, table.Rows, [.. describe.Rows.Select(r => ((string)r[0]!, (string)r[1]!))]));
        }

        return tables;
    }

    /// <summary>Runs <paramref name="sql"/> and reads at most <paramref name="maxRows"/> rows.</summary>
    /// <exception cref="InvalidDataException">DuckDB refused the query (the message is DuckDB's).</exception>
    public QueryResult Run(string sql, int maxRows = 1000)
    {
        try
        {
            using DuckDBCommand command = _connection.CreateCommand();
            command.CommandText = sql;
            using DuckDBDataReader reader = command.ExecuteReader();
            string[] columns = [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)];
            string[] types = [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetDataTypeName)];
            var rows = new List<object?[]>();
            bool more = false;
            while (reader.Read())
            {
                if (rows.Count == maxRows)
                {
                    more = true;
                    break;
                }

                var row = new object?[columns.Length];
                for (int c = 0; c < row.Length; c++)
                {
                    row[c] = reader.IsDBNull(c) ? null : reader.GetValue(c);
                }

                rows.Add(row);
            }

            return new QueryResult(columns, types, rows, more);
        }
        catch (DuckDBException e)
        {
            throw new InvalidDataException($"query: {FirstLine(e.Message)}", e);
        }
    }

    /// <summary>Writes the rows of <paramref name="sql"/> to <paramref name="path"/> in <paramref name="format"/>; returns the rows written.</summary>
    /// <exception cref="InvalidDataException">DuckDB refused the query or could not write the file.</exception>
    public long Write(string sql, string path, QueryOutputFormat format)
    {
        var file = new AtomicFile(path);
        try
        {
            long rows = Execute(DatasetViews.Copy(sql, file.TemporaryPath, format), "query");
            file.Commit(rows);
            return rows;
        }
        finally
        {
            file.Dispose();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private long Execute(string sql, string what)
    {
        try
        {
            using DuckDBCommand command = _connection.CreateCommand();
            command.CommandText = sql;
            return command.ExecuteNonQuery();
        }
        catch (DuckDBException e)
        {
            throw new InvalidDataException($"{what}: {FirstLine(e.Message)}", e);
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
