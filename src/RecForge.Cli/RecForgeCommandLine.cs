using System.CommandLine;
using RecForge.Cli.Commands;
using RecForge.Cli.Errors;

namespace RecForge.Cli;

/// <summary>Builds the command tree and maps failures to one-line messages and exit codes.</summary>
/// <remarks>
/// Exit codes, one rule for every command: 0 success; 1 a check failed (validate, evaluate) or an operation failed
/// against a server or a file (delivery, connection, disk, an unexpected error); 2 bad input or usage (arguments,
/// scenario, dataset or log contents, output location).
/// </remarks>
internal static class RecForgeCommandLine
{
    /// <summary>Parses and runs <paramref name="args"/>, writing to the given streams.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        using var errors = new OneLineErrorWriter(stderr);
        using var interruption = new Interruption();
        try
        {
            return Run(args, stdout, errors, interruption.Token);
        }
        catch (Exception e)
        {
            // Nothing reaches the user as a stack trace: an exception no command expected is still one line (exit 2
            // for bad input, else 1).
            Exception inner = e is AggregateException { InnerExceptions.Count: > 0 } a ? a.InnerExceptions[0] : e;
            errors.WriteLine($"error: {Describe(inner)}");
            return inner is InvalidDataException or Scenarios.ScenarioException or FormatException ? ExitCodes.BadInput : ExitCodes.Failure;
        }
    }

    private static string Describe(Exception inner)
    {
        return inner switch
        {
            OperationCanceledException => "cancelled",
            OutOfMemoryException or InsufficientExecutionStackException => "not enough memory for this input (" + inner.GetType().Name + ")",
            IOException or UnauthorizedAccessException or InvalidDataException or Scenarios.ScenarioException or FormatException => inner.Message,
            _ => $"unexpected {inner.GetType().Name}: {inner.Message} (please report this with the command line)",
        };
    }

    private static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken interrupted)
    {
        var root = new RootCommand("RecForge: realistic, reproducible synthetic datasets for recommender systems.");
        root.Subcommands.Add(GenerateCommand.Create(stdout, stderr, interrupted));
        root.Subcommands.Add(ScenariosCommand.Create(stdout));
        root.Subcommands.Add(ManifestCommand.Create(stdout, stderr));
        root.Subcommands.Add(StreamCommand.Create(stdout, stderr, interrupted));
        root.Subcommands.Add(LoadCommand.Create(stdout, stderr, interrupted));
        root.Subcommands.Add(SearchCommand.Create(stdout, stderr));
        root.Subcommands.Add(QueryCommand.Create(stdout, stderr));
        root.Subcommands.Add(ExportCommand.Create(stdout, stderr));
        root.Subcommands.Add(ClusterCommand.Create(stdout, stderr));
        root.Subcommands.Add(ValidateCommand.Create(stdout, stderr));
        root.Subcommands.Add(EvaluateCommand.Create(stdout, stderr));
        root.Subcommands.Add(ScoreCommand.Create(stdout, stderr));
        root.Subcommands.Add(QrelsCommand.Create(stdout, stderr));
        root.Subcommands.Add(FitCommand.Create(stdout, stderr));
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            string message = parse.Errors[0].Message.ReplaceLineEndings(" ").Replace('\t', ' ');
            stderr.WriteLine($"error: {message} (see recforge --help)");
            return ExitCodes.BadInput;
        }

        // Signals are handled by Interruption (one clean stop, then exit), exceptions by the caller (one line).
        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
    }
}
