using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RecForge.Datasets;
using RecForge.Generation;
using RecForge.Output;
using RecForge.Quality;
using RecForge.Scenarios;
using RecForge.Text;

namespace RecForge.Cli.Commands;

/// <summary><c>recforge generate &lt;scenario&gt; --out DIR</c>: runs a scenario into files.</summary>
internal static class GenerateCommand
{
    // Reading back 10M rows takes one to two seconds (docs/benchmarks.md, stop 30); beyond that the block is left to `validate`.
    private const long StatisticsRowLimit = 10_000_000;

    /// <summary>Whether generate reads the interactions back for its statistics block (JSON documents carry their own).</summary>
    internal static bool ReadsStatistics(long interactions, string format) => interactions <= StatisticsRowLimit && format != "json";

    public static Command Create(TextWriter stdout, TextWriter stderr, CancellationToken interrupted)
    {
        var scenario = new Argument<string>("scenario") { Description = "A built-in scenario name (see `recforge scenarios`) or a path to a scenario YAML file." };
        var output = new Option<string>("--out", "-o") { Description = "Output directory (one folder per table, plus _manifest.json).", Required = true };
        var seed = new Option<ulong?>("--seed") { Description = "Master seed (default: the scenario's)." };
        var users = new Option<long?>("--users") { Description = "Number of users." };
        var items = new Option<long?>("--items", "--songs") { Description = "Number of items (music: songs)." };
        var creators = new Option<long?>("--creators", "--artists") { Description = "Number of creators (music: artists)." };
        var interactions = new Option<long?>("--interactions") { Description = "Number of interaction rows." };
        var set = new Option<string[]>("--set") { Description = "Override any scenario value: --set world.popularity.exponent=1.2 (repeatable)." };
        var format = new Option<string?>("--format") { Description = "parquet, csv, jsonl or json (one document per file: metadata, rows, statistics); default: the scenario's, else parquet." };
        format.AcceptOnlyFromAmong("parquet", "csv", "jsonl", "json");
        var tables = new Option<string[]>("--tables") { Description = "Generate only these tables (e.g. --tables interactions); default all.", AllowMultipleArgumentsPerToken = true };
        var shard = new Option<string?>("--shard") { Description = "Generate only shard i of n (i/n, e.g. 0/4); then `recforge manifest merge DIR`." };
        var embeddingType = new Option<string>("--embedding-type") { Description = "float32, float16 (2 bytes a value, packed) or none.", DefaultValueFactory = _ => "float32" };
        embeddingType.AcceptOnlyFromAmong("float32", "float16", "none");
        var generatedAt = new Option<DateTime?>("--generated-at") { Description = "generated_at of JSON documents (ISO-8601; default: the end of the event period, so reruns are byte-identical)." };
        var textEncoder = TextEncoderOption.Create("the text of embedding text blocks (media: title + description)");
        var groundTruth = new Option<bool>("--ground-truth") { Description = "Also write the truth behind the data: truth_users, truth_items, truth_events, truth_topk, truth_topk_unseen (see README, Ground truth)." };
        var truthK = new Option<int>("--truth-k") { Description = "Length of each user's oracle list in truth_topk (with --ground-truth).", DefaultValueFactory = _ => Truth.GroundTruth.DefaultTopK };
        truthK.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--truth-k must be at least 1");
            }
        });
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the planned rows, partitions, bytes and time; write nothing." };
        var threads = new Option<int>("--threads") { Description = "Worker threads (output is identical for any value).", DefaultValueFactory = _ => Environment.ProcessorCount };
        threads.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--threads must be at least 1");
            }
        });

        var command = new Command("generate", "Generate a dataset from a scenario.")
        {
            scenario, output, seed, users, items, creators, interactions, set, format, tables, shard, embeddingType, textEncoder, groundTruth, truthK, generatedAt, dryRun, threads,
        };
        command.SetAction((parse, _) =>
        {
            var overrides = new List<string>(parse.GetValue(set) ?? []);
            if (parse.GetValue(seed) is { } s)
            {
                overrides.Add($"seed={s}");
            }

            if (parse.GetValue(users) is { } u)
            {
                overrides.Add($"users.count={u}");
            }

            if (parse.GetValue(items) is { } i)
            {
                overrides.Add($"items.count={i}");
            }

            if (parse.GetValue(creators) is { } a)
            {
                overrides.Add($"creators.count={a}");
            }

            if (parse.GetValue(interactions) is { } n)
            {
                overrides.Add($"events.count={n}");
            }

            string[]? only = parse.GetValue(tables) is { Length: > 0 } t ? [.. t.SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries))] : null;
            var request = new Request(parse.GetValue(scenario)!, parse.GetValue(output)!, overrides, parse.GetValue(format), only,
                parse.GetValue(shard), parse.GetValue(embeddingType)!, parse.GetValue(generatedAt)?.ToUniversalTime(), parse.GetValue(dryRun), parse.GetValue(threads))
            {
                TextEncoder = parse.GetValue(textEncoder)!,
                GroundTruthTopK = parse.GetValue(groundTruth) ? parse.GetValue(truthK) : 0,
            };
            return Task.FromResult(Run(request, stdout, stderr, interrupted));
        });
        return command;
    }

    private sealed record Request(string Scenario, string Output, List<string> Overrides, string? Format, string[]? Tables, string? Shard, string EmbeddingType, DateTime? GeneratedAt, bool DryRun, int Threads)
    {
        public string TextEncoder { get; init; } = TextEncoderOption.Hashed;

        public int GroundTruthTopK { get; init; }
    }

    private static int Run(Request request, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        ITextEncoder? encoder = null;
        try
        {
            ScenarioDefinition scenario = BuiltInScenarios.Load(request.Scenario, request.Overrides);
            if (request.GroundTruthTopK > 0)
            {
                scenario = Truth.GroundTruth.Request(scenario, request.GroundTruthTopK);
            }

            encoder = request.DryRun ? null : TextEncoderOption.Open(request.TextEncoder, request.Threads);
            string name = request.Format ?? scenario.Output.Format;
            ShardSpec shard;
            try
            {
                shard = request.Shard is null ? ShardSpec.All : ShardSpec.Parse(request.Shard);
            }
            catch (FormatException e)
            {
                stderr.WriteLine($"error: {e.Message}");
                return ExitCodes.BadInput;
            }

            var progress = new GenerationProgressDisplay(stdout);
            var options = new GenerateOptions(request.Output, TableFormats.Named(name), request.Threads)
            {
                Progress = progress,
                Cancellation = cancellation,
                Tables = request.Tables?.ToHashSet(StringComparer.Ordinal),
                Shard = shard,
                EmbeddingStorage = Enum.Parse<EmbeddingStorage>(request.EmbeddingType, ignoreCase: true),
                GeneratedAt = request.GeneratedAt,
                TextEncoder = encoder,
            };
            if (request.DryRun)
            {
                DryRun.Print(scenario, options, stdout);
                return ExitCodes.Ok;
            }

            var clock = Stopwatch.StartNew();
            Manifest manifest = progress.Run(scenario.Name, () => DatasetGenerator.Run(scenario, options));
            clock.Stop();
            PrintSummary(manifest, request.Output, clock.Elapsed, stdout);
            if (!shard.IsPartial)
            {
                PrintStatistics(scenario, manifest, request.Output, stdout);
            }

            return ExitCodes.Ok;
        }
        catch (ScenarioException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is OutputException or InvalidDataException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("cancelled: no partial files were left under final names");
            return ExitCodes.Failure;
        }
        finally
        {
            (encoder as IDisposable)?.Dispose();
        }
    }

    private static void PrintSummary(Manifest manifest, string outputDirectory, TimeSpan elapsed, TextWriter stdout)
    {
        long rows = 0, bytes = 0;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{manifest.Scenario} (seed {manifest.Seed}) -> {Path.GetFullPath(outputDirectory)}"));
        foreach (ManifestTable table in manifest.Tables)
        {
            long tableBytes = table.Files.Sum(f => f.Bytes);
            rows += table.Rows;
            bytes += tableBytes;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {table.Name,-24} {table.Rows,12:N0} rows  {table.Files.Count,5} files  {tableBytes / 1048576.0,9:N1} MB"));
        }

        double seconds = Math.Max(elapsed.TotalSeconds, 1e-6);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {rows:N0} rows, {bytes / 1048576.0:N1} MB in {seconds:N1} s ({rows / seconds:N0} rows/s), peak memory {PeakMemory.Bytes() / 1048576.0:N0} MB"));
    }

    // Read back from the files just written (not taken from the configuration), so the block describes the data.
    private static void PrintStatistics(ScenarioDefinition scenario, Manifest manifest, string directory, TextWriter stdout)
    {
        if (manifest.Tables.FirstOrDefault(t => t.Name == scenario.Events.Table) is not { } events)
        {
            return;
        }

        // Every format reads back through the dataset layer; JSON documents carry their own statistics block.
        if (!ReadsStatistics(events.Rows, manifest.Format))
        {
            stdout.WriteLine(events.Rows > StatisticsRowLimit
                ? string.Create(CultureInfo.InvariantCulture, $"  statistics: skipped above {StatisticsRowLimit:N0} interactions; `recforge validate {directory}` computes them")
                : "  statistics: in each document's \"statistics\" block");
            return;
        }

        InteractionStatistics statistics = InteractionStatistics.For(scenario);
        foreach (ColumnBatch batch in RecForgeDataset.Open(directory, scenario).Open(events).Read())
        {
            statistics.Add(batch);
        }

        statistics.Print(stdout);
    }
}
