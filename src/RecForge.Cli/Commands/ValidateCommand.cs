using System.CommandLine;
using System.Text.Json;
using RecForge.Datasets;
using RecForge.Output;
using RecForge.Quality;

namespace RecForge.Cli.Commands;

/// <summary><c>recforge validate &lt;dataset dir | mapping.yaml&gt; [--out DIR] [--scenario FILE]</c>: checks, report.json and report.html.</summary>
internal static class ValidateCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        IncludeFields = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = new Argument<string>("input") { Description = "A dataset directory written by RecForge, or a mapping YAML describing other data (events, items: path and columns)." };
        var output = new Option<string?>("--out") { Description = "Directory for report.json and report.html (default: <dataset>/_report)." };
        var scenario = new Option<string?>("--scenario") { Description = "Scenario file, when the dataset came from a YAML file rather than a built-in scenario." };
        var command = new Command("validate", "Check a dataset's structure and statistics against its scenario; write report.json and a self-contained report.html.")
        {
            input, output, scenario,
        };
        command.SetAction(parse => Run(stdout, stderr, parse.GetValue(input)!, parse.GetValue(output), parse.GetValue(scenario)));
        return command;
    }

    private static int Run(TextWriter stdout, TextWriter stderr, string input, string? output, string? scenarioPath)
    {
        ValidationReport report;
        string outDir;
        try
        {
            if (Directory.Exists(input))
            {
                var dataset = RecForgeDataset.Open(input, scenarioPath);
                var display = new GenerationProgressDisplay(stdout);
                report = display.Run("validate", () => DatasetValidation.Validate(dataset, display));
                outDir = output ?? Path.Combine(input, "_report");
            }
            else if (File.Exists(input))
            {
                report = DatasetValidation.ValidateMapped(input);
                outDir = output ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(input))!, "_report");
            }
            else
            {
                throw new InvalidDataException($"{input}: no such directory or mapping file");
            }
        }
        catch (InvalidDataException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }

        try
        {
            Directory.CreateDirectory(outDir);
            Write(Path.Combine(outDir, "report.json"), JsonSerializer.Serialize(report, Json) + "\n");
            Write(Path.Combine(outDir, "report.html"), HtmlReportWriter.Render(report));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {outDir}: cannot write the report ({e.Message})");
            return ExitCodes.Failure;
        }

        Print(stdout, report, outDir);
        return report.Passed ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static void Write(string path, string text)
    {
        using var file = new AtomicFile(path);
        File.WriteAllText(file.TemporaryPath, text);
        file.Commit(0);
    }

    private static void Print(TextWriter stdout, ValidationReport report, string outDir)
    {
        int width = Math.Min(48, report.Checks.Max(c => c.Name.Length));
        foreach (QualityCheck c in report.Checks)
        {
            string word = c.Passed switch { true => "pass", false => "FAIL", null => "info" };
            string measured = c.Measured.Length > 60 ? c.Measured[..57] + "..." : c.Measured;
            stdout.WriteLine($"  {word}  {c.Name.PadRight(width)}  {measured}{(c.Target is null ? "" : $"  (target {c.Target})")}");
            if (c.Passed == false && c.Detail.Length > 0)
            {
                stdout.WriteLine($"        {new string(' ', width)}  {c.Detail}");
            }
        }

        int failed = report.Checks.Count(c => c.Passed == false), counted = report.Checks.Count(c => c.Passed is not null);
        stdout.WriteLine(failed == 0 ? $"{counted} checks pass; report: {Path.Combine(outDir, "report.html")}" : $"{failed} of {counted} checks FAIL; report: {Path.Combine(outDir, "report.html")}");
    }
}
