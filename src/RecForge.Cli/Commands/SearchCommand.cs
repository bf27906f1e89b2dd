using System.CommandLine;
using System.Globalization;
using RecForge.Connectors.Postgres;
using RecForge.Connectors.Postgres.Search;
using Spectre.Console;

namespace RecForge.Cli.Commands;

/// <summary><c>recforge search postgres --connection … --like ID --where "…" --limit 10</c>.</summary>
internal static class SearchCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var connection = new Option<string>("--connection") { Description = "Npgsql connection string.", Required = true };
        var like = new Option<string>("--like") { Description = "Key of the item to find neighbours of (e.g. a content_id).", Required = true };
        var where = new Option<string?>("--where") { Description = "Metadata filter, e.g. \"release_year >= 2020 and popularity > 0.5\" (parameterised, never pasted into SQL)." };
        var limit = new Option<int>("--limit") { Description = "Number of results.", DefaultValueFactory = _ => 10 };
        var table = new Option<string?>("--table") { Description = "Table to search (default: the one with a pgvector column)." };
        var vector = new Option<string?>("--vector-column") { Description = "Vector column (default: the table's only one)." };
        var columns = new Option<string?>("--columns") { Description = "Comma-separated columns to show (default: indexed scalar columns and title)." };
        var ef = new Option<int?>("--ef-search") { Description = "HNSW ef_search (default: max(40, 4 x limit))." };
        var schema = new Option<string?>("--schema") { Description = "The schema the dataset was loaded into (load --schema)." };
        var postgres = new Command("postgres", "Hybrid search: nearest items by cosine similarity that match a metadata filter.")
        {
            connection, like, where, limit, table, vector, columns, ef, schema,
        };
        postgres.SetAction(parse => Run(stdout, stderr, new HybridSearchRequest(parse.GetValue(connection)!, parse.GetValue(like)!)
        {
            Where = parse.GetValue(where),
            Limit = parse.GetValue(limit),
            Table = parse.GetValue(table),
            VectorColumn = parse.GetValue(vector),
            Columns = parse.GetValue(columns)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            EfSearch = parse.GetValue(ef),
            Schema = parse.GetValue(schema),
        }));
        return new Command("search", "Query a loaded dataset.") { postgres };
    }

    private static int Run(TextWriter stdout, TextWriter stderr, HybridSearchRequest request)
    {
        HybridSearchResult result;
        try
        {
            result = HybridSearch.Run(request);
        }
        catch (PostgresConnectorException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return e.IsBadInput ? ExitCodes.BadInput : ExitCodes.Failure;
        }

        var grid = new Table().Border(TableBorder.Rounded).Title($"{result.Table}: {result.Rows.Count} nearest to {request.Like}{(request.Where is null ? "" : $" where {request.Where}")}");
        grid.AddColumn("#");
        foreach (string column in result.Columns)
        {
            grid.AddColumn(Markup.Escape(column));
        }

        for (int i = 0; i < result.Rows.Count; i++)
        {
            grid.AddRow([(i + 1).ToString(CultureInfo.InvariantCulture), .. result.Rows[i].Select(v => Markup.Escape(Format(v)))]);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
        });
        if (!ReferenceEquals(stdout, Console.Out) || Console.IsOutputRedirected)
        {
            console.Profile.Width = 200;
        }

        console.Write(grid);
        return ExitCodes.Ok;
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("G4", CultureInfo.InvariantCulture),
        DateTime t => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
