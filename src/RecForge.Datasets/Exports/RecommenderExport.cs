using System.Globalization;
using RecForge.Output;

namespace RecForge.Datasets.Exports;

/// <summary>
/// Exports a dataset in the files recommender libraries read:
/// <list type="bullet">
/// <item><see cref="RecBole"/>: atomic files (<c>NAME/NAME.inter</c>, <c>.item</c>, <c>.user</c>; header <c>field:type</c>,
/// tab-separated; lists as space-separated <c>token_seq</c>, vectors as <c>float_seq</c>), pre-split as
/// <c>NAME.train.inter</c> / <c>NAME.valid.inter</c> / <c>NAME.test.inter</c> (RecBole's <c>benchmark_filename</c>);</item>
/// <item><see cref="Cornac"/>: <c>UIRT</c> tab-separated without a header (<c>Reader().read(path, fmt="UIRT", sep="\t")</c>);</item>
/// <item><see cref="Recommenders"/>: Microsoft Recommenders' CSV, <c>userID,itemID,rating,timestamp</c>.</item>
/// </list>
/// Implicit datasets get rating 1; times are epoch seconds. Splits are per user (see <see cref="SplitKind"/>).
/// </summary>
public static class RecommenderExport
{
    private static readonly string[] PartNames = ["train", "valid", "test"];

    /// <summary>RecBole atomic files under <c>Output/NAME/</c>.</summary>
    /// <exception cref="InvalidDataException">The dataset cannot be read, or the output folder is not new or empty.</exception>
    public static ExportResult RecBole(string directory, ExportOptions options, CancellationToken cancellation = default)
        => Run(directory, options, cancellation, (dataset, events, name, files) =>
        {
            string folder = Path.Combine(options.Output, name);
            Directory.CreateDirectory(folder);
            string[] header = ["user_id:token", "item_id:token", "rating:float", "timestamp:float"];
            WriteEvents(events, Path.Combine(folder, name + ".inter"), '\t', header, part: null);
            files.Add($"{name}/{name}.inter");
            if (options.Split != SplitKind.None)
            {
                for (byte p = 0; p < 3; p++)
                {
                    WriteEvents(events, Path.Combine(folder, $"{name}.{PartNames[p]}.inter"), '\t', header, p);
                    files.Add($"{name}/{name}.{PartNames[p]}.inter");
                }
            }

            files.Add(RecBoleFeatures.Write(dataset, dataset.Scenario.Items, "item_id", Path.Combine(folder, name + ".item"), cancellation));
            files.Add(RecBoleFeatures.Write(dataset, dataset.Scenario.Users, "user_id", Path.Combine(folder, name + ".user"), cancellation));
        });

    /// <summary>Cornac <c>UIRT</c> files: <c>NAME.tsv</c>, and with a split <c>NAME.train.tsv</c>, <c>.valid.tsv</c>, <c>.test.tsv</c>.</summary>
    /// <exception cref="InvalidDataException">The dataset cannot be read, or the output folder is not new or empty.</exception>
    public static ExportResult Cornac(string directory, ExportOptions options, CancellationToken cancellation = default)
        => Run(directory, options, cancellation, (_, events, name, files) => WriteAll(events, options, name, ".tsv", '\t', null, files));

    /// <summary>Microsoft Recommenders CSV files (<c>userID,itemID,rating,timestamp</c>): <c>NAME.csv</c>, and with a split <c>NAME.train.csv</c>, ….</summary>
    /// <exception cref="InvalidDataException">The dataset cannot be read, or the output folder is not new or empty.</exception>
    public static ExportResult Recommenders(string directory, ExportOptions options, CancellationToken cancellation = default)
        => Run(directory, options, cancellation, (_, events, name, files) => WriteAll(events, options, name, ".csv", ',', ["userID", "itemID", "rating", "timestamp"], files));

    private static ExportResult Run(string directory, ExportOptions options, CancellationToken cancellation, Action<RecForgeDataset, ExportedEvents, string, List<string>> write)
    {
        if (options.Valid is < 0 or >= 1 || options.Test is < 0 or >= 1 || options.Valid + options.Test >= 1)
        {
            throw new InvalidDataException("--valid and --test must be shares in [0, 1) that leave events to train on");
        }

        if (Directory.Exists(options.Output) && Directory.EnumerateFileSystemEntries(options.Output).Any())
        {
            throw new InvalidDataException($"{options.Output}: exists and is not empty; choose a new folder");
        }

        RecForgeDataset dataset = RecForgeDataset.Open(directory);
        string name = options.Name ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        ExportedEvents events = ExportedEvents.Read(dataset, options, cancellation);
        var files = new List<string>();
        Directory.CreateDirectory(options.Output);
        write(dataset, events, name, files);
        long[] counts = new long[3];
        foreach (byte part in events.Parts)
        {
            counts[part]++;
        }

        return new ExportResult(files, counts[0], counts[1], counts[2]);
    }

    private static void WriteAll(ExportedEvents events, ExportOptions options, string name, string extension, char separator, string[]? header, List<string> files)
    {
        WriteEvents(events, Path.Combine(options.Output, name + extension), separator, header, null);
        files.Add(name + extension);
        if (options.Split != SplitKind.None)
        {
            for (byte p = 0; p < 3; p++)
            {
                WriteEvents(events, Path.Combine(options.Output, $"{name}.{PartNames[p]}{extension}"), separator, header, p);
                files.Add($"{name}.{PartNames[p]}{extension}");
            }
        }
    }

    private static string[] Cells(ExportedEvents events, int row) =>
        [RecBoleFeatures.Token(events.Users[row]), RecBoleFeatures.Token(events.Items[row]), TextValues.Double(events.Ratings[row]), events.Times[row].ToString(CultureInfo.InvariantCulture)];

    private static void WriteEvents(ExportedEvents events, string path, char separator, string[]? header, byte? part)
    {
        using var table = new TextTable(path, separator, header);
        for (int row = 0; row < events.Count; row++)
        {
            if (part is null || events.Parts[row] == part)
            {
                table.Row(Cells(events, row));
            }
        }

        table.Complete();
    }
}
