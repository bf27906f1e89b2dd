using System.CommandLine;
using System.Globalization;
using RecForge.Clustering;
using RecForge.Output;
using RecForge.Output.Parquet;

namespace RecForge.Cli.Commands;

/// <summary><c>recforge cluster &lt;dataset dir or items.csv&gt; --out clusters.parquet [--k N | --k-range A..B]</c>.</summary>
internal static class ClusterCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = new Argument<string>("input") { Description = "A dataset directory (its items table) or an items CSV (e.g. MovieLens movies.csv; a tags.csv beside it is joined)." };
        var output = new Option<string>("--out") { Description = "Parquet file: item_id, cluster, label, keywords, distance.", Required = true };
        var k = new Option<int?>("--k") { Description = "Number of clusters." };
        var range = new Option<string?>("--k-range") { Description = "Try k in A..B and keep the best silhouette (default 50..100, capped by the item count)." };
        var text = new Option<string?>("--text-columns") { Description = "Comma-separated text columns for labels (and for the embedding when items have none)." };
        var tags = new Option<string?>("--tags") { Description = "A CSV of (item id, tag) rows to add to the item text (default: tags.csv beside a CSV input)." };
        var seed = new Option<ulong>("--seed") { Description = "Seed for k-means++ and sampling.", DefaultValueFactory = _ => 42 };
        var command = new Command("cluster", "Discover micro-genres: k-means over item embeddings, named by class-based TF-IDF keywords.")
        {
            input, output, k, range, text, tags, seed,
        };
        command.SetAction(parse => Run(stdout, stderr, parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(k), parse.GetValue(range),
            parse.GetValue(text)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), parse.GetValue(tags), parse.GetValue(seed)));
        return command;
    }

    private static int Run(TextWriter stdout, TextWriter stderr, string inputPath, string outputPath, int? k, string? range, string[]? textColumns, string? tags, ulong seed)
    {
        ClusterInput input;
        try
        {
            input = ClusterInput.Load(inputPath, textColumns, tags, seed);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }

        int n = input.Ids.Length;
        (int min, int max) = (k, range) switch
        {
            (int fixedK, null) => (fixedK, fixedK),
            (null, string r) when r.Split("..") is [var a, var b] && int.TryParse(a, CultureInfo.InvariantCulture, out int lo) && int.TryParse(b, CultureInfo.InvariantCulture, out int hi) => (lo, hi),
            (null, null) => (Math.Min(50, Math.Max(2, n / 10)), Math.Min(100, Math.Max(2, n / 5))),
            _ => (-1, -1),
        };
        if (min < 2 || max < min || max > n)
        {
            stderr.WriteLine($"error: {(k is null ? $"--k-range {range}" : $"--k {k}")}: need 2 <= k, a range A..B with A <= B, and k at most the {n:N0} items");
            return ExitCodes.BadInput;
        }

        ClusterAnalysisResult result = ClusterAnalysis.Run(input.Embeddings, input.Texts, min, max, seed);
        int chosen = result.Model.Centroids.Length;
        try
        {
            Write(outputPath, input, result);
        }
        catch (IOException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{input.Source}: {n:N0} items -> {chosen} clusters -> {outputPath}"));
        if (result.Candidates.Count > 1)
        {
            stdout.WriteLine("  k     inertia  silhouette");
            foreach (KCandidate c in result.Candidates)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {c.K,-4} {c.Inertia,9:F1}  {c.Silhouette,10:F4}{(c.K == chosen ? "  <- chosen" : "")}"));
            }
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  silhouette {result.Silhouette:F4}, Davies-Bouldin {result.DaviesBouldin:F3}, inertia {result.Model.Inertia:F1}"));
        var sizes = new int[chosen];
        foreach (int a in result.Model.Assignments)
        {
            sizes[a]++;
        }

        stdout.WriteLine("  largest clusters:");
        foreach (int c in Enumerable.Range(0, chosen).OrderByDescending(c => sizes[c]).ThenBy(c => c).Take(10))
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {c,4} {sizes[c],7:N0} items  {result.Labels[c]}"));
        }

        return ExitCodes.Ok;
    }

    private static void Write(string path, ClusterInput input, ClusterAnalysisResult result)
    {
        var schema = new TableSchema("clusters",
        [
            new ColumnSpec("item_id", ColumnKind.String),
            new ColumnSpec("cluster", ColumnKind.Int64),
            new ColumnSpec("label", ColumnKind.String),
            new ColumnSpec("keywords", ColumnKind.StringList),
            new ColumnSpec("distance", ColumnKind.Double),
        ]);
        int n = input.Ids.Length;
        var batch = new ColumnBatch(schema, n);
        for (int i = 0; i < n; i++)
        {
            int c = result.Model.Assignments[i];
            batch.Column<string>(0)[i] = input.Ids[i];
            batch.Column<long>(1)[i] = c;
            batch.Column<string>(2)[i] = result.Labels[c];
            batch.Column<string[]>(3)[i] = result.Keywords[c];
            batch.Column<double>(4)[i] = result.Model.Distances[i];
        }

        batch.Count = n;
        using var writer = new ParquetTableWriter(path, schema, new TableWriterOptions(1 << 20));
        writer.Write(batch);
        writer.Complete();
    }
}
