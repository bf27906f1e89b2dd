using System.Globalization;
using System.Text;
using RecForge.Datasets;
using RecForge.Output;

namespace RecForge.Query;

/// <summary>
/// The DuckDB view of each table of a dataset, read straight from its files: Parquet with <c>read_parquet</c>, CSV with
/// <c>read_csv</c>, JSON Lines with <c>read_json</c>, JSON documents by unnesting the table's array. Hive partition
/// directories become columns again (<c>genre=Drama/</c>).
/// </summary>
internal static class DatasetViews
{
    public static string Create(RecForgeDataset dataset, ManifestTable table)
    {
        string files = "[" + string.Join(", ", table.Files.Select(f => Literal(Path.GetFullPath(Path.Combine(dataset.Directory, f.Path))))) + "]";
        string hive = table.Files.Any(f => f.Path.Contains('=', StringComparison.Ordinal)) ? "true" : "false";
        string source = dataset.Format switch
        {
            "parquet" => $"SELECT * FROM read_parquet({files}, hive_partitioning = {hive}, union_by_name = true)",
            "csv" => $"SELECT * FROM read_csv({files}, header = true, hive_partitioning = {hive}, union_by_name = true)",
            "jsonl" => $"SELECT * FROM read_json({files}, format = 'newline_delimited', hive_partitioning = {hive}, union_by_name = true)",
            "json" => Documents(table, files, hive),
            _ => throw new InvalidDataException($"{dataset.Directory}: unknown format '{dataset.Format}'"),
        };
        return $"CREATE VIEW {Identifier(table.Name)} AS {source}";
    }

    // A JSON document holds the rows in the array named after the table: one row per element, then the partition columns.
    private static string Documents(ManifestTable table, string files, string hive)
    {
        IEnumerable<string> names = table.PartitionBy
            ?? table.Files[0].Path.Split('/')[..^1].Where(d => d.Contains('=', StringComparison.Ordinal)).Select(d => d[..d.IndexOf('=', StringComparison.Ordinal)]);
        string partitions = string.Concat(names.Select(k => ", " + Identifier(k)));
        return $"SELECT r.*{partitions} FROM (SELECT unnest({Identifier(table.Name)}) AS r{partitions} FROM read_json({files}, format = 'unstructured', maximum_object_size = 2147483647, hive_partitioning = {hive}))";
    }

    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string Describe(ManifestTable table) => string.Create(CultureInfo.InvariantCulture, $"DESCRIBE {Identifier(table.Name)}");

    public static string CopyOptions(QueryOutputFormat format) => format switch
    {
        QueryOutputFormat.Csv => "FORMAT csv, HEADER true",
        QueryOutputFormat.Json => "FORMAT json",
        _ => "FORMAT parquet, COMPRESSION snappy",
    };

    public static string Copy(string sql, string path, QueryOutputFormat format)
        => new StringBuilder("COPY (").Append(sql.TrimEnd().TrimEnd(';')).Append(") TO ").Append(Literal(path)).Append(" (").Append(CopyOptions(format)).Append(')').ToString();
}
