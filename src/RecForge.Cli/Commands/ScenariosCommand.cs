using System.CommandLine;
using RecForge.Scenarios;

namespace RecForge.Cli.Commands;

/// <summary><c>recforge scenarios</c>: lists the built-in scenarios.</summary>
internal static class ScenariosCommand
{
    public static Command Create(TextWriter stdout)
    {
        var command = new Command("scenarios", "List the built-in scenarios.");
        command.SetAction(_ =>
        {
            foreach (string name in BuiltInScenarios.Names)
            {
                stdout.WriteLine(name);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
