namespace RecForge.Cli.Tests;

/// <summary>Runs the recforge command line in-process and captures what it prints.</summary>
internal static class Cli
{
    public static (int ExitCode, string Out, string Error) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = RecForgeCommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public static string TempDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "recforge-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
