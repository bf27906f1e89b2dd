using System.CommandLine;
using System.Globalization;
using RecForge.Connectors.Milvus;
using RecForge.Datasets.Exports;

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
        return new Command("export", "Export a dataset in the layout another system imports.")
        {
            milvus,
            Library("recbole", "RecBole atomic files: NAME/NAME.inter, .item, .user (and NAME.train/valid/test.inter with --split).", RecommenderExport.RecBole, stdout, stderr),
            Library("cornac", "Cornac UIRT files, tab-separated without a header: NAME.tsv (and NAME.train/valid/test.tsv with --split).", RecommenderExport.Cornac, stdout, stderr),
            Library("recommenders", "Microsoft Recommenders CSV (userID,itemID,rating,timestamp): NAME.csv (and NAME.train/valid/test.csv with --split).", RecommenderExport.Recommenders, stdout, stderr),
        };
    }

    private static Command Library(string name, string description, Func<string, ExportOptions, CancellationToken, ExportResult> export, TextWriter stdout, TextWriter stderr)
    {
        var directory = new Argument<string>("directory") { Description = "A dataset directory written by `generate` (any format)." };
        var output = new Option<string>("--out") { Description = "New folder for the files.", Required = true };
        var split = new Option<string>("--split") { Description = "Split each user's events: none, time, random or leave-one-out.", DefaultValueFactory = _ => "none" };
        var valid = new Option<double>("--valid") { Description = "Each user's share of validation events (time, random).", DefaultValueFactory = _ => 0.1 };
        var test = new Option<double>("--test") { Description = "Each user's share of test events (time, random).", DefaultValueFactory = _ => 0.1 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the random split.", DefaultValueFactory = _ => 42 };
        var datasetName = new Option<string?>("--name") { Description = "Dataset name in file names (default: the dataset folder's name)." };
        var command = new Command(name, description) { directory, output, split, valid, test, seed, datasetName };
        command.SetAction(parse =>
        {
            SplitKind? kind = parse.GetValue(split) switch
            {
                "none" => SplitKind.None,
                "time" => SplitKind.Time,
                "random" => SplitKind.Random,
                "leave-one-out" => SplitKind.LeaveOneOut,
                _ => null,
            };
            if (kind is null)
            {
                stderr.WriteLine($"error: --split {parse.GetValue(split)}: expected none, time, random or leave-one-out");
                return ExitCodes.BadInput;
            }

            var options = new ExportOptions(parse.GetValue(output)!)
            {
                Split = kind.Value,
                Valid = parse.GetValue(valid),
                Test = parse.GetValue(test),
                Seed = parse.GetValue(seed),
                Name = parse.GetValue(datasetName),
            };
            try
            {
                var display = new GenerationProgressDisplay(stdout);
                ExportResult result = display.Run(name, () => export(parse.GetValue(directory)!, options with { Progress = display }, CancellationToken.None));
                string counts = kind == SplitKind.None
                    ? string.Create(CultureInfo.InvariantCulture, $"{result.Train:N0} events")
                    : string.Create(CultureInfo.InvariantCulture, $"{result.Train:N0} train, {result.Valid:N0} validation, {result.Test:N0} test events ({parse.GetValue(split)} split per user)");
                stdout.WriteLine($"  {name}: {counts} -> {options.Output}: {string.Join(", ", result.Files)}");
                return ExitCodes.Ok;
            }
            catch (InvalidDataException e)
            {
                stderr.WriteLine($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: {options.Output}: cannot write ({e.Message})");
                return ExitCodes.Failure;
            }
        });
        return command;
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
