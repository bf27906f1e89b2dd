using System.CommandLine;
using RecForge.Cli.Commands;

namespace RecForge.Cli;

/// <summary>Builds the command tree and maps failures to one-line messages and exit codes.</summary>
/// <remarks>Exit codes: 0 success, 1 unexpected failure, 2 bad input (arguments, scenario, output location).</remarks>
public static class RecForgeCommandLine
{
    /// <summary>Parses and runs <paramref name="args"/>, writing to the given streams.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("RecForge: realistic, reproducible synthetic datasets for recommender systems.");
        root.Subcommands.Add(GenerateCommand.Create(stdout, stderr));
        root.Subcommands.Add(ScenariosCommand.Create(stdout));
        root.Subcommands.Add(ManifestCommand.Create(stdout, stderr));
        root.Subcommands.Add(StreamCommand.Create(stdout, stderr));
        root.Subcommands.Add(LoadCommand.Create(stdout, stderr));
        root.Subcommands.Add(SearchCommand.Create(stdout, stderr));
        root.Subcommands.Add(ExportCommand.Create(stdout, stderr));
        root.Subcommands.Add(ClusterCommand.Create(stdout, stderr));
        root.Subcommands.Add(ValidateCommand.Create(stdout, stderr));
        root.Subcommands.Add(EvaluateCommand.Create(stdout, stderr));
        root.Subcommands.Add(FitCommand.Create(stdout, stderr));
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            string message = parse.Errors[0].Message.ReplaceLineEndings(" ").Replace('\t', ' ');
            stderr.WriteLine($"error: {message} (see recforge --help)");
            return ExitCodes.BadInput;
        }

        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}

/// <summary>Process exit codes.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>An unexpected failure.</summary>
    public const int Failure = 1;

    /// <summary>Bad input: arguments, scenario file or output location.</summary>
    public const int BadInput = 2;
}
