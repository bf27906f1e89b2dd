using System.Diagnostics;

namespace RecForge.Cli.Tests;

/// <summary>Runs the built recforge tool as a separate process (for kills and per-process peak memory).</summary>
internal static class ChildProcess
{
    public static Process Start(params string[] args) => Start(null, args);

    /// <summary>Starts the tool with <paramref name="processors"/> as the processor count .NET sees (null: the machine's).</summary>
    public static Process Start(int? processors, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (processors is { } count)
        {
            start.Environment["DOTNET_PROCESSOR_COUNT"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        start.ArgumentList.Add(typeof(RecForgeCommandLine).Assembly.Location);
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        return Process.Start(start)!;
    }

    public static (int Code, string Out, string Error) Run(params string[] args) => Run(null, args);

    public static (int Code, string Out, string Error) Run(int? processors, params string[] args)
    {
        using Process p = Start(processors, args);
        Task<string> error = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, error.Result);
    }
}
