using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RecForge.Datasets.Logs;
using RecForge.Evaluation;
using RecForge.Scenarios;

namespace RecForge.Cli.Commands;

/// <summary><c>recforge evaluate --real ratings.csv --synthetic DIR|FILE [--report eval.html]</c>: fidelity, utility and privacy of a twin.</summary>
internal static class EvaluateCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var real = new Option<string>("--real") { Description = "The real log: a CSV file (columns named by --user/--item/--rating/--timestamp).", Required = true };
        var synthetic = new Option<string>("--synthetic") { Description = "The synthetic log: a RecForge dataset directory, or a CSV with the same columns.", Required = true };
        var report = new Option<string>("--report") { Description = "HTML report path; the JSON goes beside it (.json).", DefaultValueFactory = _ => "eval.html" };
        var user = new Option<string>("--user") { Description = "User column of CSV logs.", DefaultValueFactory = _ => "userId" };
        var item = new Option<string>("--item") { Description = "Item column of CSV logs.", DefaultValueFactory = _ => "movieId" };
        var rating = new Option<string?>("--rating") { Description = "Rating column of CSV logs (omit for implicit logs).", DefaultValueFactory = _ => "rating" };
        var weight = new Option<string?>("--weight") { Description = "Weight column of an implicit log (play counts), compared in log2 bins instead of as ratings." };
        Option<string?> timestamp = TimeColumnOption.Create();
        var items = new Option<string?>("--items") { Description = "Catalogue CSV with item categories for genre shares (e.g. movies.csv)." };
        var itemKey = new Option<string>("--item-key") { Description = "Item id column of --items.", DefaultValueFactory = _ => "movieId" };
        var categories = new Option<string>("--categories") { Description = "Category column of --items ('|'-separated).", DefaultValueFactory = _ => "genres" };
        var scenario = new Option<string?>("--scenario") { Description = "Scenario file of a --synthetic dataset generated from a YAML file (e.g. one `recforge fit` wrote)." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the train/test user split.", DefaultValueFactory = _ => 42 };
        Option<string> repeatsOption = RepeatsOption.Create();
        Option<string?> columnNames = ColumnNamesOption.Create();
        var testFraction = new Option<double>("--test-fraction") { Description = "Share of real users held out for testing.", DefaultValueFactory = _ => 0.2 };
        var command = new Command("evaluate", "Measure a synthetic twin against the real log: fidelity, utility (train on synthetic, test on real) and privacy.")
        {
            real, synthetic, report, user, item, rating, weight, repeatsOption, timestamp, columnNames, items, itemKey, categories, scenario, seed, testFraction,
        };
        command.SetAction(parse =>
        {
            try
            {
                string? weightColumn = parse.GetValue(weight);
                if (weightColumn is not null && parse.GetResult(rating) is { Implicit: false })
                {
                    throw new InvalidDataException("give either --rating or --weight, not both");
                }

                string realPath = parse.GetValue(real)!;
                IReadOnlyList<string>? header = ColumnNamesOption.Parse(parse.GetValue(columnNames));
                string? time = TimeColumnOption.Resolve(realPath, parse.GetValue(timestamp), out string? timeNote, header);
                RepeatedPairs repeats = RepeatsOption.Resolve(parse.GetValue(repeatsOption)!, weightColumn, parse.GetResult(rating) is { Implicit: false } ? parse.GetValue(rating) : null);

                // Under --repeats count the real log's weight is its rows per pair; the twin wrote it as a column. --columns
                // names the real log's columns only: the synthetic one is a dataset or a CSV with its header.
                string? weightName = repeats == RepeatedPairs.Count ? RepeatsOption.CountColumn : weightColumn;
                var columns = new LogColumns(parse.GetValue(user)!, parse.GetValue(item)!, repeats == RepeatedPairs.Count ? null : weightColumn ?? parse.GetValue(rating), time) { Header = header };
                ColumnNamesOption.CheckHeader(realPath, columns);
                var options = new EvaluationOptions(parse.GetValue(testFraction), parse.GetValue(seed), Weights: weightName is not null);
                long repeatedRows = 0;
                var (holdout, note) = Holdout(parse.GetValue(scenario), options);
                var progress = new GenerationProgressDisplay(stdout);
                EvaluationReport result = progress.Run("evaluate", () =>
                {
                    progress.Stage("reading the logs");
                    var index = new ItemIndex();
                    InteractionLog realLog = InteractionLog.Build(PairMerge.Apply([.. LogFiles.Read(realPath, columns)], repeats, out repeatedRows), index);
                    InteractionLog synLog = InteractionLog.Build(LogFiles.Read(parse.GetValue(synthetic)!, columns with { Rating = weightName ?? columns.Rating, Header = null }, parse.GetValue(scenario)), index);
                    Dictionary<int, string[]>? genres = parse.GetValue(items) is { } path ? LogFiles.Categories(path, parse.GetValue(itemKey)!, parse.GetValue(categories)!, index) : null;
                    return TwinEvaluation.Run(realLog, synLog, options, genres, progress.Stage);
                });
                string html = Path.GetFullPath(parse.GetValue(report)!);
                string json = Path.ChangeExtension(html, ".json");
                Directory.CreateDirectory(Path.GetDirectoryName(html)!);
                File.WriteAllText(html, EvaluationHtmlWriter.Render(result, $"real: {parse.GetValue(real)} — synthetic: {parse.GetValue(synthetic)}", holdout, holdoutWarning: note is not null));
                File.WriteAllText(json, JsonSerializer.Serialize(new
                {
                    fidelity_overall = result.FidelityOverall,
                    same_model_order = result.SameModelOrder,
                    holdout,
                    note,
                    kendall_tau = result.KendallTau,
                    report = result,
                }, Json));
                foreach (string? line in new[] { timeNote, RepeatsOption.Note(realPath, repeatedRows, repeats), note, TiesNote(result) })
                {
                    if (line is not null)
                    {
                        stdout.WriteLine($"note: {line}");
                    }
                }

                Print(result, stdout);
                stdout.WriteLine($"  report: {html} (+ {Path.GetFileName(json)})");
                return ExitCodes.Ok;
            }
            catch (InvalidDataException e)
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

    // A twin scores honestly only on users it did not learn from: its fit must have held out this evaluation's test
    // users. Returns what is known of that for the report, and a note when the twin did learn from them.
    private static (string Status, string? Note) Holdout(string? scenarioPath, EvaluationOptions options)
    {
        if (scenarioPath is null)
        {
            return ("unknown: pass --scenario TWIN.yaml to check that the twin was fitted without this evaluation's test users", null);
        }

        Scenarios.ScenarioDefinition twin;
        try
        {
            twin = BuiltInScenarios.Load(scenarioPath, []);
        }
        catch (Scenarios.ScenarioException e)
        {
            throw new InvalidDataException(e.Message);
        }

        var c = CultureInfo.InvariantCulture;
        string? note = twin.Fit switch
        {
            null => null,
            { Holdout: 0 } => string.Create(c, $"the twin was fitted on all {twin.Fit.Users:N0} real users, this evaluation's test users included, so utility and privacy measure memory rather than generalisation (fit with --holdout {options.TestFraction} --holdout-seed {options.Seed})"),
            var f when Math.Abs(f.Holdout - options.TestFraction) > 1e-9 || f.HoldoutSeed != options.Seed
                => string.Create(c, $"the twin held out {f.Holdout:P0} of the users with seed {f.HoldoutSeed}, this evaluation tests {options.TestFraction:P0} with seed {options.Seed}: some test users were learned from"),
            _ => null,
        };
        string status = note ?? (twin.Fit is { } fit
            ? string.Create(c, $"the twin was fitted without this evaluation's test users (held out {fit.Holdout:P0}, seed {fit.HoldoutSeed})")
            : "the synthetic data is not a fitted twin (its scenario has no fit section)");
        return (status, note);
    }

    // More than a few percent of events at a timestamp they share with others of their user: the split order is noise there.
    private static string? TiesNote(EvaluationReport r) => r.Timed && r.TiedShare > 0.05
        ? string.Create(CultureInfo.InvariantCulture, $"{r.TiedShare:P1} of the real log's events share their user's timestamp with another event; held-out items among them are drawn at random (seeded)")
        : null;

    // A ratio over a zero (no real NDCG, real test users at distance 0) is undefined: said so, not printed as NaN.
    private static string Ratio(double value) => double.IsNaN(value) ? "n/a" : value.ToString("F3", CultureInfo.InvariantCulture);

    private static void Print(EvaluationReport r, TextWriter stdout)
    {
        var c = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Create(c, $"real {r.RealUsers:N0} users / {r.RealPairs:N0} pairs, synthetic {r.SyntheticUsers:N0} users / {r.SyntheticPairs:N0} pairs"));
        string sampled = r.FidelityUsers < r.SyntheticUsers ? string.Create(c, $" (on a seeded sample of {r.FidelityUsers:N0} synthetic users, the real log's number)") : "";
        stdout.WriteLine(string.Create(c, $"fidelity overall {r.FidelityOverall:F3}{sampled}"));
        foreach (FidelityScore f in r.Fidelity)
        {
            stdout.WriteLine(string.Create(c, $"  {f.Name,-32} {f.Metric,-22} {f.Score:F3}"));
        }

        LongTailScore t = r.LongTail;
        stdout.WriteLine(string.Create(c, $"  long tail: catalogue coverage real {t.RealCoverage:P1} (train users {t.RealTrainCoverage:P1}) / synthetic {t.SyntheticCoverage:P1}; items with 1-2 users real {t.RealRare:P1} / synthetic {t.SyntheticRare:P1}"));
        string trained = r.UtilityUsers < r.SyntheticUsers ? string.Create(c, $"; synthetic: a seeded sample of {r.UtilityUsers:N0} users") : "";
        stdout.WriteLine($"utility (NDCG@10 / Recall@10 on held-out real users, histories split {r.Split}; trained on real train users vs on synthetic{trained})");
        foreach (UtilityScore u in r.Utility)
        {
            stdout.WriteLine(string.Create(c, $"  {u.Model,-14} real {u.RealNdcg:F4} / {u.RealRecall:F4}   synthetic {u.SyntheticNdcg:F4} / {u.SyntheticRecall:F4}   ratio {Ratio(u.NdcgRatio)}"));
        }

        stdout.WriteLine(r.UtilityMeasured
            ? string.Create(c, $"  same model order: {(r.SameModelOrder ? "yes" : "no")} (Kendall tau {r.KendallTau:F2}), on {r.Utility[0].TestUsers:N0} held-out users")
            : "  not measured: no held-out real user has two or more events to split (every NDCG above is 0 by construction)");
        PrivacyScore p = r.Privacy;
        stdout.WriteLine(string.Create(c, $"privacy: median DCR synthetic→train {p.MedianSyntheticDcr:F4}, test→train {p.MedianTestDcr:F4}, ratio {Ratio(p.DcrRatio)}; copied {p.CopiedShare:P2} (real test users repeat a train user's history: {p.TestCopiedShare:P2}); membership AUC {p.MembershipAuc:F3}"));
    }
}
