using System.CommandLine;
using System.Globalization;
using RecForge.Cli.Evaluation;
using RecForge.Evaluation;
using RecForge.Fit;
using RecForge.Output;

namespace RecForge.Cli.Commands;

/// <summary><c>recforge fit ratings.csv --synthetic-items --out twin.yaml</c>: learns a scenario from a real log.</summary>
internal static class FitCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = new Argument<string>("log") { Description = "The real log: a CSV file (or a RecForge dataset directory)." };
        var output = new Option<string>("--out", "-o") { Description = "The scenario YAML to write.", Required = true };
        var user = new Option<string>("--user") { Description = "User column.", DefaultValueFactory = _ => "userId" };
        var item = new Option<string>("--item") { Description = "Item column.", DefaultValueFactory = _ => "movieId" };
        var rating = new Option<string?>("--rating") { Description = "Rating (or weight) column; omit for implicit logs.", DefaultValueFactory = _ => "rating" };
        var timestamp = new Option<string?>("--timestamp") { Description = "Time column (epoch seconds or ISO-8601).", DefaultValueFactory = _ => "timestamp" };
        var items = new Option<string?>("--items") { Description = "Catalogue CSV with '|'-separated categories (movies.csv) for genre shares and taste clusters." };
        var itemKey = new Option<string>("--item-key") { Description = "Item id column of --items.", DefaultValueFactory = _ => "movieId" };
        var categories = new Option<string>("--categories") { Description = "Category column of --items.", DefaultValueFactory = _ => "genres" };
        var syntheticItems = new Option<bool>("--synthetic-items") { Description = "Synthesise the catalogue (required for now: twins over the real catalogue are not built yet)." };
        var command = new Command("fit", "Learn a scenario from a real interaction log: sizes, popularity, activity, ratings, time profile, sessions, genre shares.")
        {
            input, output, user, item, rating, timestamp, items, itemKey, categories, syntheticItems,
        };
        command.SetAction(parse =>
        {
            string outPath = parse.GetValue(output)!;
            if (!parse.GetValue(syntheticItems))
            {
                stderr.WriteLine("error: twins over the real catalogue are not built yet; pass --synthetic-items for a scenario with synthetic items");
                return ExitCodes.BadInput;
            }

            try
            {
                string log = parse.GetValue(input)!;
                var index = new ItemIndex();
                InteractionLog real = InteractionLog.Build(LogReader.Read(log, new LogColumns(parse.GetValue(user)!, parse.GetValue(item)!, parse.GetValue(rating), parse.GetValue(timestamp))), index);
                if (real.UserCount == 0)
                {
                    throw new InvalidDataException($"{log}: no events");
                }

                Dictionary<int, string[]>? genres = parse.GetValue(items) is { } path ? LogReader.Categories(path, parse.GetValue(itemKey)!, parse.GetValue(categories)!, index) : null;
                LogProfile profile = LogProfile.Learn(real, genres);
                string name = Path.GetFileNameWithoutExtension(outPath);
                using (var file = new AtomicFile(Path.GetFullPath(outPath)))
                {
                    File.WriteAllText(file.TemporaryPath, ScenarioWriter.Write(profile, name, Path.GetFileName(log)));
                    file.Commit(1);
                }

                var c = CultureInfo.InvariantCulture;
                stdout.WriteLine(string.Create(c, $"{Path.GetFileName(log)}: {profile.Users:N0} users, {profile.Items:N0} items, {profile.Events:N0} events over {profile.Days:N0} days -> {Path.GetFullPath(outPath)}"));
                stdout.WriteLine(string.Create(c, $"  popularity exponent {profile.PopularityExponent:F3}, activity sigma {profile.ActivitySigma:F3}, {profile.MeanSessionEvents:F1} events per session, weekend factor {profile.WeekendFactor:F2}"));
                stdout.WriteLine($"  generate a twin: recforge generate {outPath} --out out/{name}");
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
