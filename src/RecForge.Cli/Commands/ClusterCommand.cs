using System.CommandLine;
using System.Globalization;
using RecForge.Clustering;
using RecForge.Datasets.Clustering;
using RecForge.Generation;
using RecForge.Text;

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
        var blocks = new Option<string?>("--blocks") { Description = "Comma-separated embedding blocks to cluster on, by the names in the manifest (e.g. text,visual); default: the whole vector." };
        var compare = new Option<string?>("--compare-to") { Description = "A column (e.g. genre) to compare the clusters with: prints the adjusted Rand index." };
        var seed = new Option<ulong>("--seed") { Description = "Seed for k-means++ and sampling.", DefaultValueFactory = _ => 42 };
        var encoder = TextEncoderOption.CreateOptional("the item text (titles, descriptions, tags)");
        var labels = new Option<string>("--labels") { Description = "ctfidf (class-based TF-IDF phrases, the default) or keybert (phrases ranked by the text model's cosine to the cluster centroid, MMR-diversified).", DefaultValueFactory = _ => "ctfidf" };
        labels.AcceptOnlyFromAmong("ctfidf", "keybert");
        var command = new Command("cluster", "Discover micro-genres: k-means over item embeddings (or item text encoded by a sentence model), named by c-TF-IDF or KeyBERT keywords.")
        {
            input, output, k, range, text, tags, blocks, compare, seed, encoder, labels,
        };
        command.SetAction(parse => Run(stdout, stderr, parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(k), parse.GetValue(range),
            new ClusterInputOptions(List(parse.GetValue(text)), parse.GetValue(tags), List(parse.GetValue(blocks)), parse.GetValue(compare), parse.GetValue(seed)),
            parse.GetValue(encoder), parse.GetValue(labels) == "keybert"));
        return command;
    }

    private static string[]? List(string? value) => value?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int Run(TextWriter stdout, TextWriter stderr, string inputPath, string outputPath, int? k, string? range, ClusterInputOptions options, string? encoderName, bool keyBert)
    {
        ulong seed = options.Seed;
        ClusterInput input;
        ITextEncoder? encoder = null;
        var progress = new GenerationProgressDisplay(stdout) { Unit = "k-means restarts" };
        try
        {
            // Named explicitly, hashed encodes the text too (a dataset's own vectors are used only when no encoder is named).
            encoder = encoderName is null ? null : TextEncoderOption.Open(encoderName, Environment.ProcessorCount) ?? ClusterInput.Hashed(seed);
            progress.Stage(encoder is null ? "reading items" : $"encoding item text with {encoder.Name}");
            input = progress.Run("cluster", () => ClusterInput.Load(inputPath, options with { Encoder = encoder }));
            return Cluster(stdout, stderr, input, outputPath, k, range, options, keyBert, progress);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        finally
        {
            (encoder as IDisposable)?.Dispose();
        }
    }

    private static int Cluster(TextWriter stdout, TextWriter stderr, ClusterInput input, string outputPath, int? k, string? range, ClusterInputOptions options, bool keyBert, GenerationProgressDisplay progress)
    {
        ulong seed = options.Seed;

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

        // KeyBERT ranks phrases in a text model's space: the model the items were encoded with, or for a dataset's own
        // vectors the hashed encoder over the same text.
        ITextEncoder labelEncoder = input.TextEncoder ?? ClusterInput.Hashed(seed);
        var runOptions = new ClusterRunOptions
        {
            Labels = keyBert ? ClusterLabeling.KeyBert : ClusterLabeling.ClassTfIdf,
            LabelEncoder = keyBert ? labelEncoder : null,
            TextVectors = keyBert && input.TextEncoder is null ? Encode(labelEncoder, input.Texts) : null,
            Progress = new Progress(progress),
        };
        ClusterAnalysisResult result = progress.Run("cluster", () => ClusterAnalysis.Run(input.Embeddings, input.Texts, min, max, seed, runOptions));
        int chosen = result.Model.Centroids.Length;
        try
        {
            ClusterFile.Write(outputPath, input, result);
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

        if (input.Reference is not null)
        {
            Compare(stdout, options.CompareTo!, input.Reference, result.Model.Assignments);
        }

        stdout.WriteLine($"  largest clusters ({(keyBert ? $"KeyBERT labels, {labelEncoder.Name} phrase vectors" : "c-TF-IDF labels")}):");
        foreach (int c in Enumerable.Range(0, chosen).OrderByDescending(c => sizes[c]).ThenBy(c => c).Take(10))
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {c,4} {sizes[c],7:N0} items  {result.Labels[c]}"));
        }

        return ExitCodes.Ok;
    }

    private static float[][] Encode(ITextEncoder encoder, IReadOnlyList<string> texts)
    {
        float[][] vectors = [.. texts.Select(_ => new float[encoder.Dimension])];
        encoder.Encode(texts, vectors);
        return vectors;
    }

    // k-means restarts as the display's units; the stage names the k being fitted.
    private sealed class Progress(GenerationProgressDisplay display) : IProgress<ClusterProgress>
    {
        public void Report(ClusterProgress value)
        {
            display.Stage(string.Create(CultureInfo.InvariantCulture, $"k = {value.K} ({value.Tried + 1} of {value.Values})"));
            display.Report(new GenerationProgress(value.RestartsDone, value.Restarts));
        }
    }

    private static void Compare(TextWriter stdout, string column, string[] values, int[] clusters)
    {
        foreach (ClusterAgreement a in ClusterAgreement.Of(values, clusters))
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  agreement with {column}{(a.TopLevel ? " top level" : "")} ({a.Values} values): adjusted Rand index {a.AdjustedRandIndex:F3}"));
        }
    }
}
