using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RecForge.Datasets;
using RecForge.Datasets.Clustering;
using RecForge.Output;
using RecForge.Text;
using RecForge.Truth;

namespace RecForge.Cli.Commands;

/// <summary><c>recforge qrels DATASET --queries N --out DIR</c>: search queries and TREC relevance labels from the world model.</summary>
internal static class QrelsCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dataset = new Argument<string>("dataset") { Description = "A dataset directory written by `generate` (the labels come from its scenario and seed)." };
        var queries = new Option<int>("--queries") { Description = "Number of queries.", DefaultValueFactory = _ => 100 };
        var output = new Option<string>("--out", "-o") { Description = "Folder for queries.tsv, qrels.txt (TREC) and qrels.json (the baselines).", DefaultValueFactory = _ => "qrels" };
        var personalised = new Option<double>("--personalised") { Description = "Share of queries made by a user (queries.tsv names them; grades also follow their true affinity).", DefaultValueFactory = _ => 0 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the queries.", DefaultValueFactory = _ => 42 };
        var noBaselines = new Option<bool>("--no-baselines") { Description = "Skip the random, BM25 and embedding baselines." };
        var threads = new Option<int>("--threads") { Description = "Worker threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("qrels", "Write search queries built from the item vocabularies and graded relevance labels (TREC qrels) from the world model.")
        {
            dataset, queries, output, personalised, seed, noBaselines, threads,
        };
        command.SetAction(parse =>
        {
            string outDir = parse.GetValue(output)!;
            try
            {
                int count = parse.GetValue(queries);
                double share = parse.GetValue(personalised);
                if (count < 1)
                {
                    throw new InvalidDataException($"--queries must be at least 1, got {count}");
                }

                if (share is < 0 or > 1)
                {
                    throw new InvalidDataException($"--personalised must be between 0 and 1, got {share.ToString(CultureInfo.InvariantCulture)}");
                }

                string path = parse.GetValue(dataset)!;
                RecForgeDataset data = RecForgeDataset.Open(path);
                int threadCount = Math.Max(1, parse.GetValue(threads));
                var progress = new GenerationProgressDisplay(stdout);
                var (set, baselines) = progress.Run("qrels", () =>
                {
                    progress.Stage("building queries and labels");
                    QrelsSet built = SearchRelevance.Build(data.Scenario, new QrelsOptions(count) { Personalised = share, Seed = parse.GetValue(seed), Threads = threadCount });
                    progress.Stage("scoring the baselines");
                    return (built, parse.GetValue(noBaselines) ? null : Baselines(path, data, built, parse.GetValue(seed), threadCount));
                });
                Directory.CreateDirectory(outDir);
                Write(Path.Combine(outDir, "queries.tsv"), set.Queries.Select(q => q.User is null ? $"{q.Id}\t{q.Text}" : $"{q.Id}\t{q.Text}\t{q.User}"));
                Write(Path.Combine(outDir, "qrels.txt"), set.Judgments.Select(j => string.Create(CultureInfo.InvariantCulture, $"{j.Query} 0 {j.Document} {j.Grade}")));
                Write(Path.Combine(outDir, "qrels.json"), [JsonSerializer.Serialize(new
                {
                    queries = set.Queries.Count,
                    personalised = set.Queries.Count(q => q.User is not null),
                    judgments = set.Judgments.Count,
                    grades = Enumerable.Range(1, 3).ToDictionary(g => g.ToString(CultureInfo.InvariantCulture), g => set.Judgments.Count(j => j.Grade == g)),
                    ndcg_at_10 = baselines,
                }, Json)]);
                var c = CultureInfo.InvariantCulture;
                stdout.WriteLine(string.Create(c, $"qrels: {set.Queries.Count:N0} queries ({set.Queries.Count(q => q.User is not null):N0} personalised), {set.Judgments.Count:N0} labels of grade 1-3 over {set.Documents.Count:N0} items"));
                foreach (var (name, ndcg) in baselines ?? [])
                {
                    stdout.WriteLine(string.Create(c, $"  NDCG@10 {name,-22} {ndcg:F4}"));
                }

                stdout.WriteLine($"  wrote {Path.GetFullPath(outDir)}: queries.tsv, qrels.txt, qrels.json");
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is InvalidDataException or Scenarios.ScenarioException)
            {
                stderr.WriteLine($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: {outDir}: cannot write ({e.Message})");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    // Random, BM25 over the items' text columns and nearest neighbours in the text block of the dataset's embedding
    // (the query encoded as the block was), each by mean NDCG@10.
    private static Dictionary<string, double> Baselines(string path, RecForgeDataset data, QrelsSet set, ulong seed, int threads)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["random"] = SearchBaselines.MeanNdcg(set, SearchBaselines.Random(set.Documents, seed)),
        };
        IReadOnlyList<string> textColumns = SearchRelevance.TextColumns(data.Scenario);
        if (textColumns.Count == 0)
        {
            return result;
        }

        ManifestTable items = data.Manifest.Tables.First(t => t.Role == "items");
        ManifestEmbeddingBlock? block = items.Embeddings?.SelectMany(e => e.Blocks).FirstOrDefault(b => b.Source == "text");
        ClusterInput input = ClusterInput.Load(path, new ClusterInputOptions(textColumns, null, block is null ? null : [block.Name], null, seed));
        result["bm25 " + string.Join("+", textColumns)] = SearchBaselines.MeanNdcg(set, SearchBaselines.Bm25(input.Ids, input.Texts));
        if (block is not null)
        {
            ITextEncoder encoder = TextEncoderOption.Open(data.Manifest.TextEncoder ?? TextEncoderOption.Hashed, threads)
                ?? SearchRelevance.QueryEncoder(data.Scenario, block.Name, block.Dimension);
            try
            {
                result["embedding " + block.Name + " block"] = SearchBaselines.MeanNdcg(set, SearchBaselines.Nearest(input.Ids, input.Embeddings, encoder));
            }
            finally
            {
                (encoder as IDisposable)?.Dispose();
            }
        }

        return result;
    }

    private static void Write(string path, IEnumerable<string> lines)
    {
        using var file = new AtomicFile(path);
        var text = new StringBuilder();
        foreach (string line in lines)
        {
            text.Append(line).Append('\n');
        }

        File.WriteAllText(file.TemporaryPath, text.ToString());
        file.Commit(text.Length);
    }
}
