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
        var timestamp = new Option<string?>("--timestamp") { Description = "Time column of CSV logs (epoch seconds or ISO-8601).", DefaultValueFactory = _ => "timestamp" };
        var items = new Option<string?>("--items") { Description = "Catalogue CSV with item categories for genre shares (e.g. movies.csv)." };
        var itemKey = new Option<string>("--item-key") { Description = "Item id column of --items.", DefaultValueFactory = _ => "movieId" };
        var categories = new Option<string>("--categories") { Description = "Category column of --items ('|'-separated).", DefaultValueFactory = _ => "genres" };
        var scenario = new Option<string?>("--scenario") { Description = "Scenario file of a --synthetic dataset generated from a YAML file (e.g. one `recforge fit` wrote)." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the train/test user split.", DefaultValueFactory = _ => 42 };
        var testFraction = new Option<double>("--test-fraction") { Description = "Share of real users held out for testing.", DefaultValueFactory = _ => 0.2 };
        var command = new Command("evaluate", "Measure a synthetic twin against the real log: fidelity, utility (train on synthetic, test on real) and privacy.")
        {
            real, synthetic, report, user, item, rating, timestamp, items, itemKey, categories, scenario, seed, testFraction,
        };
        command.SetAction(parse =>
        {
            try
            {
                var columns = new LogColumns(parse.GetValue(user)!, parse.GetValue(item)!, parse.GetValue(rating), parse.GetValue(timestamp));
                var index = new ItemIndex();
                InteractionLog realLog = InteractionLog.Build(LogFiles.Read(parse.GetValue(real)!, columns), index);
                InteractionLog synLog = InteractionLog.Build(LogFiles.Read(parse.GetValue(synthetic)!, columns, parse.GetValue(scenario)), index);
                Dictionary<int, string[]>? genres = parse.GetValue(items) is { } path ? LogFiles.Categories(path, parse.GetValue(itemKey)!, parse.GetValue(categories)!, index) : null;
                var options = new EvaluationOptions(parse.GetValue(testFraction), parse.GetValue(seed));
                var (holdout, note) = Holdout(parse.GetValue(scenario), options);
                EvaluationReport result = TwinEvaluation.Run(realLog, synLog, options, genres);
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
                    report = result,
                }, Json));
                if (note is not null)
                {
                    stdout.WriteLine($"note: {note}");
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

    private static void Print(EvaluationReport r, TextWriter stdout)
    {
        var c = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Create(c, $"real {r.RealUsers:N0} users / {r.RealPairs:N0} pairs, synthetic {r.SyntheticUsers:N0} users / {r.SyntheticPairs:N0} pairs"));
        stdout.WriteLine(string.Create(c, $"fidelity overall {r.FidelityOverall:F3}"));
        foreach (FidelityScore f in r.Fidelity)
        {
            stdout.WriteLine(string.Create(c, $"  {f.Name,-32} {f.Metric,-22} {f.Score:F3}"));
        }

        stdout.WriteLine("utility (NDCG@10 / Recall@10 on held-out real users; trained on real train users vs on synthetic)");
        foreach (UtilityScore u in r.Utility)
        {
            stdout.WriteLine(string.Create(c, $"  {u.Model,-14} real {u.RealNdcg:F4} / {u.RealRecall:F4}   synthetic {u.SyntheticNdcg:F4} / {u.SyntheticRecall:F4}   ratio {u.NdcgRatio:F3}"));
        }

        stdout.WriteLine($"  same model order: {(r.SameModelOrder ? "yes" : "no")}");
        PrivacyScore p = r.Privacy;
        stdout.WriteLine(string.Create(c, $"privacy: median DCR synthetic→train {p.MedianSyntheticDcr:F4}, test→train {p.MedianTestDcr:F4}, ratio {p.DcrRatio:F3}; copied {p.CopiedShare:P2}; membership AUC {p.MembershipAuc:F3}"));
    }
}
