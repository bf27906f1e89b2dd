namespace RecForge.Cli;

/// <summary>Entry point of <c>recforge</c>.</summary>
internal static class Program
{
    /// <summary>Runs the command line; see <see cref="RecForgeCommandLine"/>.</summary>
    public static int Main(string[] args) => RecForgeCommandLine.Run(args, Console.Out, Console.Error);
}
