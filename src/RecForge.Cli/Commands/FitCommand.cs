using System.CommandLine;
using System.Globalization;
using RecForge.Datasets.Fitting;
using RecForge.Datasets.Logs;
using RecForge.Evaluation;
using RecForge.Fit;

namespace RecForge.Cli.Commands;

/// <summary><c>recforge fit ratings.csv --items movies.csv --out twin.yaml</c>: learns a scenario from a real log.</summary>
internal static class FitCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = new Argument<string>("log") { Description = "The real log: a CSV or Parquet file (or a RecForge dataset directory)." };
        var output = new Option<string>("--out", "-o") { Description = "The scenario YAML to write; the catalogue goes beside it (<name>.items.csv).", Required = true };
        var user = new Option<string>("--user") { Description = "User column.", DefaultValueFactory = _ => "userId" };
        var item = new Option<string>("--item") { Description = "Item column.", DefaultValueFactory = _ => "movieId" };
        var rating = new Option<string?>("--rating") { Description = "Rating column (default: 'rating' when the log has one; without it the log is implicit)." };
        var weight = new Option<string?>("--weight") { Description = "A weight column of an implicit log (play counts), modelled like a rating." };
        Option<string?> timestamp = TimeColumnOption.Create();
        var items = new Option<string?>("--items") { Description = "Catalogue CSV (movies.csv): its columns are kept in the twin's items table." };
        var itemKey = new Option<string?>("--item-key") { Description = "Item id column of --items (default: the --item column)." };
        var categories = new Option<string>("--categories") { Description = "Column of --items with '|'-separated categories (genres).", DefaultValueFactory = _ => "genres" };
        var syntheticItems = new Option<bool>("--synthetic-items") { Description = "Synthesise the catalogue too (marginals only: genre shares and Zipf popularity)." };
        var holdout = new Option<double>("--holdout") { Description = "Share of the log's users left out of the fit (use evaluate's --test-fraction to score the twin on them).", DefaultValueFactory = _ => 0 };
        var holdoutSeed = new Option<ulong>("--holdout-seed") { Description = "Seed of the hold-out split (evaluate's --seed).", DefaultValueFactory = _ => 42 };
        var epsilon = new Option<double?>("--epsilon") { Description = "Differential privacy: (epsilon, delta)-DP over users for everything learned." };
        var delta = new Option<double>("--delta") { Description = "delta of the DP guarantee.", DefaultValueFactory = _ => 1e-6 };
        var noiseSeed = new Option<ulong?>("--noise-seed") { Description = "Seed the DP noise (reproducible, and therefore NOT private: tests only)." };
        var dimensions = new Option<int>("--dimensions") { Description = "Latent dimensions (0: min(192, 3 users / 8)). Fewer (about users / 5) raise item-kNN and EASE utility but bring synthetic users closer to real ones (a lower DCR ratio): docs/evaluation.md.", DefaultValueFactory = _ => 0 };
        var clusters = new Option<int>("--clusters") { Description = "Taste clusters.", DefaultValueFactory = _ => 12 };
        var sharpness = new Option<double>("--sharpness") { Description = "Affinity slope of the choice model.", DefaultValueFactory = _ => 36 };
        var spread = new Option<double>("--spread") { Description = "Scale of the taste clusters' spreads (below 1: more typical users).", DefaultValueFactory = _ => 1.0 };
        var idiosyncrasy = new Option<double>("--idiosyncrasy") { Description = "Sigma of users' own item-level factors (users of one taste differ in the items they pick).", DefaultValueFactory = _ => 1.0 };
        var interests = new Option<int>("--interests") { Description = "Most interests per user (each pick follows one; 1: a single taste).", DefaultValueFactory = _ => 1 };
        var slope = new Option<double>("--activity-bias-slope") { Description = "How users' popularity bias grows with their activity: bias × (n / mean)^slope.", DefaultValueFactory = _ => 0 };
        var alpha = new Option<double>("--alpha") { Description = "Popularity damping of the item factorisation: the user-item matrix is scaled by popularity^-alpha.", DefaultValueFactory = _ => 0.2 };
        var tasteAxes = new Option<int?>("--taste-axes") { Description = "Principal axes kept per taste cluster, those above sampling noise (default 4; 0: a per-dimension spread only). Not under DP." };
        var plant = new Option<bool>("--plant") { Description = "Give every item of the log one user outright (the rest by ordinary picks), so the twin covers the catalogue as the log does. Not under DP." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the factorisation, clustering and calibration.", DefaultValueFactory = _ => 42 };
        Option<string> repeatsOption = RepeatsOption.Create();
        Option<string?> columnNames = ColumnNamesOption.Create();
        var command = new Command("fit", "Learn a scenario from a real interaction log: a twin over its catalogue (taste positions, clusters, choice weights, rating model, time profile, sessions).")
        {
            input, output, user, item, rating, weight, repeatsOption, timestamp, columnNames, items, itemKey, categories, syntheticItems, holdout, holdoutSeed, epsilon, delta, noiseSeed,
            dimensions, clusters, sharpness, spread, idiosyncrasy, interests, slope, alpha, tasteAxes, plant, seed,
        };
        command.SetAction(parse =>
        {
            string outPath = Path.GetFullPath(parse.GetValue(output)!);
            try
            {
                string log = parse.GetValue(input)!;
                string? weightColumn = parse.GetValue(weight);
                if (weightColumn is not null && parse.GetValue(rating) is not null)
                {
                    throw new InvalidDataException("give either --rating or --weight, not both");
                }

                RepeatedPairs repeats = RepeatsOption.Resolve(parse.GetValue(repeatsOption)!, weightColumn, parse.GetValue(rating));

                // The weight the twin models and writes: a named column's, or the rows per pair under --repeats count.
                string? weightName = repeats == RepeatedPairs.Count ? RepeatsOption.CountColumn : weightColumn;
                double fraction = parse.GetValue(holdout);
                if (fraction is < 0 or >= 1)
                {
                    throw new InvalidDataException($"--holdout must be in [0, 1), got {fraction.ToString(CultureInfo.InvariantCulture)}");
                }

                PrivacyBudget? privacy = null;
                if (parse.GetValue(epsilon) is { } e)
                {
                    privacy = !(e > 0) || !double.IsFinite(e) ? throw new InvalidDataException($"--epsilon must be a positive number, got {e.ToString(CultureInfo.InvariantCulture)}")
                        : parse.GetValue(delta) is not (> 0 and < 1) ? throw new InvalidDataException("--delta must be in (0, 1)")
                        : new PrivacyBudget(e, parse.GetValue(delta), parse.GetValue(noiseSeed));
                }

                IReadOnlyList<string>? header = ColumnNamesOption.Parse(parse.GetValue(columnNames));
                string? time = TimeColumnOption.Resolve(log, parse.GetValue(timestamp), out string? timeNote, header);
                if (timeNote is not null)
                {
                    stdout.WriteLine($"note: {timeNote}");
                }

                var columns = new LogColumns(parse.GetValue(user)!, parse.GetValue(item)!, repeats == RepeatedPairs.Count ? null : weightColumn ?? parse.GetValue(rating) ?? "rating", time,
                    RatingOptional: weightColumn is null && parse.GetValue(rating) is null)
                { Header = header };
                ColumnNamesOption.CheckHeader(log, columns);
                var progress = new GenerationProgressDisplay(stdout);
                progress.Stage("reading the log");
                FitInput fitInput = progress.Run("fit", () => FitInput.Read(log, columns, parse.GetValue(items), parse.GetValue(itemKey) ?? columns.Item, parse.GetValue(categories)!, quantizeWeights: weightName is not null, repeats));
                if (RepeatsOption.Note(log, fitInput.RepeatedRows, repeats) is { } repeatsNote)
                {
                    stdout.WriteLine($"note: {repeatsNote}");
                }

                if (fitInput.UncataloguedItems > 0)
                {
                    // A log and a catalogue of different vintages, or ids written differently (e.g. 42 against "0042").
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"note: {fitInput.UncataloguedItems:N0} {(fitInput.UncataloguedItems == 1 ? "item" : "items")} of {Path.GetFileName(log)} {(fitInput.UncataloguedItems == 1 ? "is" : "are")} not in {Path.GetFileName(parse.GetValue(items))}: kept in the twin's catalogue without its columns"));
                }

                InteractionLog real = fitInput.Log;
                ItemIndex index = fitInput.Items;
                TwinCatalogue complete = fitInput.Catalogue;
                Dictionary<int, string[]>? genres = fitInput.Genres;
                var (train, _) = UtilityEvaluation.SplitUsers(real.UserCount, fraction, parse.GetValue(holdoutSeed));
                InteractionLog learned = real.Subset(train);
                string name = Path.GetFileNameWithoutExtension(outPath);
                var c = CultureInfo.InvariantCulture;
                if (parse.GetValue(plant) && (privacy is not null || parse.GetValue(syntheticItems)))
                {
                    // Planting gives each item of the log one user: under DP which items the log has is not released, and a
                    // synthetic catalogue has no items of the log.
                    throw new InvalidDataException($"--plant cannot be combined with {(privacy is not null ? "--epsilon (which items the log has is not released privately)" : "--synthetic-items (its items are not the log's)")}");
                }

                if (parse.GetValue(tasteAxes) is { } axes && (axes < 0 || (privacy is not null && axes > 0)))
                {
                    // Under DP the clusters' spreads are released with noise; their axes would be another release, not budgeted.
                    throw new InvalidDataException(axes < 0 ? $"--taste-axes must be 0 or more, got {axes}" : "--taste-axes cannot be combined with --epsilon (the clusters' axes are not released privately)");
                }

                if (parse.GetValue(syntheticItems))
                {
                    // A synthetic catalogue needs the popularity exponent and item count, which no private release provides.
                    if (privacy is not null)
                    {
                        throw new InvalidDataException("--synthetic-items cannot be fitted with --epsilon (its popularity exponent is not released privately); fit the real catalogue instead");
                    }

                    LogProfile profile = LogProfile.Learn(learned, genres, privacy);
                    TwinFiles.Write(outPath, ScenarioWriter.Write(profile, name, Path.GetFileName(log)), null, null);
                    stdout.WriteLine(string.Create(c, $"{Path.GetFileName(log)}: {profile.Users:N0} users, {profile.Items:N0} items, {profile.Events:N0} events over {profile.Days:N0} days -> {outPath}"));
                    stdout.WriteLine(string.Create(c, $"  synthetic items: popularity exponent {profile.PopularityExponent:F3}, median activity {profile.ActivityQuantiles[LogProfile.QuantilePoints / 2]:0.#}, {profile.MeanSessionEvents:F1} events per session, weekend factor {profile.WeekendFactor:F2}"));
                }
                else
                {
                    var options = new TwinFitOptions { Progress = progress.Stage, Dimensions = parse.GetValue(dimensions), Clusters = parse.GetValue(clusters), Sharpness = parse.GetValue(sharpness), SpreadScale = parse.GetValue(spread), Idiosyncrasy = parse.GetValue(idiosyncrasy), Interests = parse.GetValue(interests), ActivityBiasSlope = parse.GetValue(slope), Alpha = parse.GetValue(alpha), Plant = parse.GetValue(plant), Seed = parse.GetValue(seed), Privacy = privacy };
                    if (parse.GetValue(tasteAxes) is { } kept)
                    {
                        // Unset keeps the library's default (TwinFitOptions.TasteAxes), so the two cannot drift apart.
                        options = options with { TasteAxes = kept };
                    }

                    TwinModel model = progress.Run("fit", () => TwinFit.Learn(learned, index.Count, genres, options));
                    bool rated = real.Ratings.Any(r => r.Length > 0 && !double.IsNaN(r[0]));
                    var origin = new TwinOrigin(Path.GetFileName(log), fraction, parse.GetValue(holdoutSeed), columns.User,
                        rated ? weightName ?? columns.Rating : null, columns.Timestamp ?? "timestamp", rated && weightName is null ? "ratings" : "events", HistoryOrder.IsTimed(learned));
                    string catalogueName = name + ".items.csv";
                    var (yaml, csv) = TwinScenarioWriter.Write(model, complete, origin, name, catalogueName, privacy);
                    TwinFiles.Write(outPath, yaml, Path.Combine(Path.GetDirectoryName(outPath)!, catalogueName), csv);
                    LogProfile p = model.Profile;
                    string period = origin.Timed ? string.Create(c, $"{p.Start:yyyy-MM-dd} + {p.Days:N0} days") : "no times";
                    stdout.WriteLine(string.Create(c, $"{Path.GetFileName(log)}: {p.Users:N0} users (of {real.UserCount:N0}; {fraction:P0} held out), {model.ChosenItems:N0} items with events of {index.Count:N0}, {p.Events:N0} events, {period} -> {outPath}"));
                    stdout.WriteLine(string.Create(c, $"  {model.Dimensions} latent dimensions, {model.Clusters.Count} taste clusters, affinity sharpness {model.Options.Sharpness:0.##}{(origin.Timed ? string.Create(c, $"; {p.MeanSessionEvents:F1} events per session") : "")}"));
                    if (model.Rating is { } r)
                    {
                        stdout.WriteLine(string.Create(c, $"  ratings: {model.RatingValues.Length} values, model thresholds [{string.Join(", ", r.Thresholds.Select(t => t.ToString("0.##", c)))}], affinity weight {r.AffinityWeight:0.###}"));
                    }

                    if (privacy is not null)
                    {
                        stdout.WriteLine(string.Create(c, $"  differential privacy: ({privacy.Epsilon:0.###}, {privacy.Delta:G3})-DP over users, rho {privacy.Rho:G4} split over {privacy.Spent.Count} releases (listed in the scenario's fit.privacy){(privacy.Seeded ? "; SEEDED noise: not private" : "")}"));
                    }
                }

                stdout.WriteLine($"  generate a twin: recforge generate {parse.GetValue(output)} --out out/{name}");
                return ExitCodes.Ok;
            }
            catch (InvalidDataException e)
            {
                stderr.WriteLine($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: {outPath}: cannot write ({e.Message})");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }
}
