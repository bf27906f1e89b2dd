using System.CommandLine;
using System.Globalization;
using System.Text;
using RecForge.Query;

namespace RecForge.Cli.Commands;

/// <summary>
/// <c>recforge query DATASET ["SQL"] [--format table|csv|json|parquet] [--out FILE]</c>: SQL over a dataset with DuckDB;
/// without SQL, the tables with their rows and columns.
/// </summary>
internal static class QueryCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var directory = new Argument<string>("dataset") { Description = "A dataset directory written by `generate` (any format)." };
        var sql = new Argument<string?>("sql") { Description = "A DuckDB SELECT over the dataset's tables (each a view under its own name); none: list the tables.", Arity = ArgumentArity.ZeroOrOne };
        var format = new Option<string?>("--format") { Description = "table (aligned, the default on screen), csv, json (one object per line) or parquet (needs --out)." };
        var output = new Option<string?>("--out") { Description = "Write the whole result to this file (format from --format, else from the extension)." };
        var maxRows = new Option<int>("--max-rows") { Description = "Rows shown as a table.", DefaultValueFactory = _ => 100 };
        var command = new Command("query", "Query a dataset with SQL (DuckDB): every table is a view under its own name, partition columns included.")
        {
            directory, sql, format, output, maxRows,
        };
        command.SetAction(parse =>
        {
            try
            {
                return Run(stdout, stderr, parse.GetValue(directory)!, parse.GetValue(sql), parse.GetValue(format), parse.GetValue(output), parse.GetValue(maxRows));
            }
            catch (InvalidDataException e)
            {
                stderr.WriteLine($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: {parse.GetValue(output) ?? parse.GetValue(directory)}: {e.Message}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }

    private static int Run(TextWriter stdout, TextWriter stderr, string directory, string? sql, string? formatName, string? output, int maxRows)
    {
        QueryOutputFormat? format = (formatName ?? (output is null ? "table" : Path.GetExtension(output).TrimStart('.'))).ToLowerInvariant() switch
        {
            "table" => null,
            "csv" => QueryOutputFormat.Csv,
            "json" or "jsonl" => QueryOutputFormat.Json,
            "parquet" => QueryOutputFormat.Parquet,
            var other => throw new InvalidDataException($"--format {other}: expected table, csv, json or parquet"),
        };
        if (maxRows <= 0 || (format == QueryOutputFormat.Parquet && output is null) || (format is null && output is not null))
        {
            stderr.WriteLine(maxRows <= 0 ? "error: --max-rows must be positive" : "error: --out FILE goes with --format csv, json or parquet (parquet needs --out)");
            return ExitCodes.BadInput;
        }

        if (!Directory.Exists(directory))
        {
            stderr.WriteLine($"error: {directory}: no such directory");
            return ExitCodes.BadInput;
        }

        using DatasetQuery query = DatasetQuery.Open(directory);
        if (sql is null)
        {
            foreach (QueryTable table in query.Tables())
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{table.Name} ({table.Rows:N0} rows)"));
                foreach (var (name, type) in table.Columns)
                {
                    stdout.WriteLine($"  {name,-28} {type}");
                }
            }

            return ExitCodes.Ok;
        }

        if (format is { } f)
        {
            string path = output ?? Path.Combine(Path.GetTempPath(), "recforge-query-" + Guid.NewGuid().ToString("N"));
            try
            {
                long rows = new GenerationProgressDisplay(stdout).Run("query", () => query.Write(sql, path, f));
                if (output is null)
                {
                    stdout.Write(File.ReadAllText(path));
                }
                else
                {
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows:N0} rows -> {output}"));
                }
            }
            finally
            {
                if (output is null && File.Exists(path))
                {
                    File.Delete(path);
                }
            }

            return ExitCodes.Ok;
        }

        QueryResult result = new GenerationProgressDisplay(stdout).Run("query", () => query.Run(sql, maxRows));
        stdout.Write(Aligned(result));
        return ExitCodes.Ok;
    }

    // Columns padded to their widest value (numeric columns right-aligned), a rule under the header, a note when rows were cut.
    private static string Aligned(QueryResult result)
    {
        string[][] cells = [.. result.Rows.Select(r => r.Select(Format).ToArray())];
        int[] widths = [.. result.Columns.Select((c, i) => Math.Min(60, Math.Max(c.Length, cells.Length == 0 ? 0 : cells.Max(r => r[i].Length))))];
        bool[] numeric = [.. result.Columns.Select((_, c) => result.Rows.Count > 0 && result.Rows.All(r => r[c] is null or long or int or short or sbyte or byte or ulong or uint or ushort or double or float or decimal or System.Numerics.BigInteger))];
        var text = new StringBuilder();
        void Line(IReadOnlyList<string> values)
        {
            for (int c = 0; c < values.Count; c++)
            {
                string v = values[c].Length > widths[c] ? values[c][..(widths[c] - 1)] + "…" : values[c];
                text.Append(c == 0 ? "" : "  ").Append(numeric[c] ? v.PadLeft(widths[c]) : v.PadRight(widths[c]));
            }

            text.Append('\n');
        }

        Line(result.Columns);
        Line([.. widths.Select(w => new string('-', w))]);
        foreach (string[] row in cells)
        {
            Line(row);
        }

        text.Append(string.Create(CultureInfo.InvariantCulture, $"({result.Rows.Count:N0} row{(result.Rows.Count == 1 ? "" : "s")}{(result.Truncated ? "; more not shown: --max-rows, or --format csv|json|parquet --out FILE for all" : "")})\n"));
        return text.ToString();
    }

    private static string Format(object? value) => value switch
    {
        null => "NULL",
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        float x => x.ToString("G6", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        System.Collections.IEnumerable list and not string => "[" + string.Join(", ", list.Cast<object?>().Select(Format)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
