using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RecForge.Datasets;
using RecForge.Datasets.Logs;
using RecForge.Datasets.Scoring;
using RecForge.Quality;
using RecForge.Truth;

namespace RecForge.Cli.Commands;

/// <summary><c>recforge score DATASET --recommendations recs.csv [--report score.html]</c>: recommendation lists against the truth behind the data.</summary>
internal static class ScoreCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dataset = new Argument<string>("dataset") { Description = "A dataset directory written by `generate` (with or without --ground-truth: the truth is rebuilt from its scenario and seed)." };
        var recommendations = new Option<string[]>("--recommendations") { Description = "Recommendation files (CSV or Parquet: user, item, and rank or score), one model each; none: RecForge's baselines only.", AllowMultipleArgumentsPerToken = true };
        var report = new Option<string>("--report") { Description = "HTML report path; the JSON goes beside it (.json).", DefaultValueFactory = _ => "score.html" };
        var ks = new Option<string>("--k") { Description = "List lengths to score at, comma-separated.", DefaultValueFactory = _ => "10,20,100" };
        var split = new Option<double>("--split") { Description = "Share of each user's events, the latest, held out as the offline test slice; train models on the rest (export --split time --valid 0 --test F cuts the same).", DefaultValueFactory = _ => 0.2 };
        var noBaselines = new Option<bool>("--no-baselines") { Description = "Score only the given files (no random, most popular, item-kNN, ALS, EASE or oracle)." };
        var maxUsers = new Option<int>("--max-users") { Description = "Score at most this many users (a seeded sample beyond it).", DefaultValueFactory = _ => 5_000 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the user sample, the random baseline and ALS.", DefaultValueFactory = _ => 42 };
        var threads = new Option<int>("--threads") { Description = "Worker threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("score", "Score recommendation lists against the truth behind a dataset: true affinity, the oracle's choices, coverage, popularity bias, beside offline metrics.")
        {
            dataset, recommendations, report, ks, split, noBaselines, maxUsers, seed, threads,
        };
        command.SetAction(parse =>
        {
            try
            {
                string path = parse.GetValue(dataset)!;
                int[] lengths = ParseKs(parse.GetValue(ks)!);
                double fraction = parse.GetValue(split);
                if (fraction is <= 0 or >= 1)
                {
                    throw new InvalidDataException($"--split must be between 0 and 1 (exclusive), got {fraction.ToString(CultureInfo.InvariantCulture)}");
                }

                string[] files = parse.GetValue(recommendations) ?? [];
                if (files.Length == 0 && parse.GetValue(noBaselines))
                {
                    throw new InvalidDataException("nothing to score: give --recommendations FILE, or drop --no-baselines");
                }

                RecForgeDataset data = RecForgeDataset.Open(path);
                DatasetColumns columns = ScenarioColumns.For(data.Scenario);
                string userColumn = columns.EventUser, itemColumn = columns.EventItem;
                var lists = files.Select(f => (Path.GetFileNameWithoutExtension(f), RecommendationFile.Location(f),
                    RecommendationFile.Read(f, [userColumn, "user_id", "user"], [itemColumn, "item_id", "item"]))).ToList();
                var options = new ScoreOptions
                {
                    Ks = lengths,
                    TestFraction = fraction,
                    Baselines = !parse.GetValue(noBaselines),
                    MaxUsers = Math.Max(1, parse.GetValue(maxUsers)),
                    Seed = parse.GetValue(seed),
                    Threads = Math.Max(1, parse.GetValue(threads)),
                };
                var progress = new GenerationProgressDisplay(stdout);
                ScoreReport result = progress.Run("score", () =>
                {
                    progress.Stage("reading the events");
                    return TruthScoring.Run(data.Scenario, LogFiles.Read(path, new LogColumns(userColumn, itemColumn, null, null)), lists,
                        options with { Progress = (stage, done, total) => progress.Stage(total > 0 ? $"{stage} ({done:N0} of {total:N0})" : stage) });
                });
                string html = Path.GetFullPath(parse.GetValue(report)!);
                string json = Path.ChangeExtension(html, ".json");
                Directory.CreateDirectory(Path.GetDirectoryName(html)!);
                File.WriteAllText(html, ScoreHtmlWriter.Render(result, $"dataset: {path}" + (files.Length > 0 ? $" — recommendations: {string.Join(", ", files)}" : "")));
                File.WriteAllText(json, JsonSerializer.Serialize(result, Json));
                Print(result, stdout);
                stdout.WriteLine($"  report: {html} (+ {Path.GetFileName(json)})");
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is InvalidDataException or Scenarios.ScenarioException)
            {
                stderr.WriteLine($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: {parse.GetValue(report)}: cannot write the report ({e.Message})");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    private static int[] ParseKs(string text)
    {
        var result = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            result.Add(int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int k) && k >= 1 ? k
                : throw new InvalidDataException($"--k: '{part}' is not a positive whole number"));
        }

        return result.Count > 0 ? [.. result.Distinct().Order()] : throw new InvalidDataException("--k: give at least one list length");
    }

    private static void Print(ScoreReport r, TextWriter stdout)
    {
        var c = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Create(c, $"score: {r.Users:N0} users, {r.Items:N0} items; truth from the world model, offline on the new items of the latest {r.TestFraction:P0} of each user's events"));
        for (int k = 0; k < r.Ks.Count; k++)
        {
            stdout.WriteLine(string.Create(c, $"  top {r.Ks[k]}:  {"model",-14} {"ndcg(aff)",9} {"ndcg(orc)",9} {"recall(orc)",11} {"affinity",8} {"coverage",8} {"pop rank",9} {"offline ndcg",12} {"offline rec",11}"));
            foreach (ModelScore m in r.Models)
            {
                ScoreAtK s = m.AtK[k];
                stdout.WriteLine(string.Create(c, $"          {m.Name,-14} {s.NdcgAffinity,9:F4} {s.NdcgOracle,9:F4} {s.RecallOracle,11:F4} {s.MeanAffinity,8:F4} {s.Coverage,8:P1} {s.PopularityRank,9:N0} {s.HeldOutNdcg,12:F4} {s.HeldOutRecall,11:F4}"));
            }
        }
    }
}
