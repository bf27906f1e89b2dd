using System.CommandLine;
using System.Globalization;
using RecForge.Connectors.Postgres;

namespace RecForge.Cli.Commands;

/// <summary><c>recforge load postgres &lt;dataset dir&gt; --connection "…"</c>.</summary>
internal static class LoadCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, CancellationToken interrupted)
    {
        var directory = new Argument<string>("directory") { Description = "A Parquet dataset directory written by `generate`." };
        var connection = new Option<string>("--connection") { Description = "Npgsql connection string, e.g. \"Host=127.0.0.1;Port=5432;Username=postgres;Database=recforge\".", Required = true };
        var drop = new Option<bool>("--drop-existing") { Description = "Replace tables of the same names (otherwise the load refuses to touch them)." };
        var method = new Option<PostgresLoadMethod>("--method") { Description = "auto (binary COPY; INSERT on PGlite), copy or insert.", DefaultValueFactory = _ => PostgresLoadMethod.Auto };
        var batch = new Option<int>("--batch-rows") { Description = "Rows read and sent per batch.", DefaultValueFactory = _ => 8192 };
        var schema = new Option<string?>("--schema") { Description = "Load into this schema (created if missing), so datasets do not clash; default: the current schema." };
        var postgres = new Command("postgres", "Load every table into PostgreSQL: typed columns, keys, indexes, pgvector HNSW; one transaction per table.")
        {
            directory, connection, drop, method, batch, schema,
        };
        postgres.SetAction((parse, _) => Task.FromResult(Run(stdout, stderr, interrupted, parse.GetValue(directory)!, new PostgresLoadOptions(parse.GetValue(connection)!)
        {
            DropExisting = parse.GetValue(drop),
            Method = parse.GetValue(method),
            BatchRows = parse.GetValue(batch),
            Schema = parse.GetValue(schema),
        })));
        return new Command("load", "Load a dataset into a database.") { postgres };
    }

    private static int Run(TextWriter stdout, TextWriter stderr, CancellationToken cancellation, string directory, PostgresLoadOptions options)
    {
        if (options.BatchRows <= 0)
        {
            stderr.WriteLine("error: --batch-rows must be positive");
            return ExitCodes.BadInput;
        }

        if (!Directory.Exists(directory))
        {
            stderr.WriteLine($"error: {directory}: no such directory");
            return ExitCodes.BadInput;
        }

        var display = new GenerationProgressDisplay(stdout);
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            PostgresLoadResult result = display.Run("load", () => PostgresLoader.Load(directory, options with
            {
                Progress = display,
                Log = message => stderr.WriteLine($"warning: {message}"),
                Cancellation = cancellation,
            }));
            foreach (LoadedTable table in result.Tables)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {table.Name,-14} {table.Rows,12:N0} rows in {table.LoadSeconds,6:N1} s ({table.Rows / Math.Max(1e-6, table.LoadSeconds),10:N0} rows/s), keys and indexes {table.IndexSeconds:N1} s: {string.Join(", ", table.Indexes)}"));
            }

            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  loaded {result.Tables.Sum(t => t.Rows):N0} rows with {(result.Method == PostgresLoadMethod.Copy ? "binary COPY" : "multi-row INSERT")}, {(result.Vectors ? (result.Pgvector ? "vectors as pgvector vector(N), " : "vectors as real[], ") : "")}in {clock.Elapsed.TotalSeconds:N1} s"));
            return ExitCodes.Ok;
        }
        catch (PostgresConnectorException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return e.IsBadInput ? ExitCodes.BadInput : ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("error: load cancelled; the table in progress was rolled back");
            return ExitCodes.Failure;
        }
    }
}
