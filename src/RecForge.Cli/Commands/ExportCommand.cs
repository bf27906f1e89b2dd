using System.CommandLine;
using System.Globalization;
using RecForge.Connectors.Milvus;

namespace RecForge.Cli.Commands;

/// <summary><c>recforge export milvus &lt;dataset dir&gt; --out &lt;dir&gt;</c>.</summary>
internal static class ExportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var directory = new Argument<string>("directory") { Description = "A Parquet dataset directory written by `generate`." };
        var output = new Option<string>("--out") { Description = "New folder for collection.json, import.json and the Parquet files.", Required = true };
        var table = new Option<string?>("--table") { Description = "Table to export (default: the catalogue)." };
        var fields = new Option<string?>("--fields") { Description = "Comma-separated scalar fields to keep (default: all scalar columns)." };
        var collection = new Option<string?>("--collection") { Description = "Collection name (default: the table name)." };
        var rows = new Option<long?>("--rows-per-file") { Description = "Rows per Parquet file (default: about 512 MB a file)." };
        var milvus = new Command("milvus", "Write Milvus bulk-import files: the collection schema (HNSW, COSINE) and row-based Parquet data.")
        {
            directory, output, table, fields, collection, rows,
        };
        milvus.SetAction(parse => Run(stdout, stderr, parse.GetValue(directory)!, new MilvusExportOptions(parse.GetValue(output)!)
        {
            Table = parse.GetValue(table),
            Fields = parse.GetValue(fields)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Collection = parse.GetValue(collection),
            RowsPerFile = parse.GetValue(rows),
        }));
        return new Command("export", "Export a dataset in the layout another system imports.") { milvus };
    }

    private static int Run(TextWriter stdout, TextWriter stderr, string directory, MilvusExportOptions options)
    {
        if (options.RowsPerFile is <= 0)
        {
            stderr.WriteLine("error: --rows-per-file must be positive");
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
            MilvusExportResult result = display.Run("export", () => MilvusExporter.Export(directory, options, display));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {result.Collection}: {result.Rows:N0} entities in {result.Files.Count} Parquet file{(result.Files.Count == 1 ? "" : "s")}; fields {string.Join(", ", result.Fields)}"));
            stdout.WriteLine($"  create the collection: curl -X POST $MILVUS/v2/vectordb/collections/create -H 'Content-Type: application/json' -d @{Path.Combine(options.Output, MilvusExporter.CollectionFile)}");
            stdout.WriteLine($"  upload {Path.Combine(options.Output, result.Files[0].Split('/')[0])}/ to the Milvus bucket root, then: curl -X POST $MILVUS/v2/vectordb/jobs/import/create -H 'Content-Type: application/json' -d @{Path.Combine(options.Output, MilvusExporter.ImportFile)}");
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is MilvusExportException or InvalidDataException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (IOException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
