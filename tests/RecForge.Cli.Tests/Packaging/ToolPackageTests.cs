using System.Diagnostics;
using RecForge.Output;

namespace RecForge.Cli.Tests.Packaging;

/// <summary>
/// The README's install steps: <c>dotnet pack</c> makes the RecForge.Tool package and the library packages, and
/// <c>dotnet tool install</c> on a temporary tool path gives a <c>recforge</c> command that generates a dataset.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly string _root = Cli.TempDirectory();

    [Fact]
    public void The_packed_tool_installs_and_generates()
    {
        // The test run's own Release build is what gets packed (./test.sh builds before testing).
        string packages = Path.Combine(_root, "packages"), tools = Path.Combine(_root, "tools");
        Run("dotnet", "pack", Path.Combine(Repository.Root, "RecForge.slnx"), "-c", "Release", "--no-build", "-o", packages);
        foreach (string package in (string[])["RecForge.Tool", "RecForge.Core", "RecForge.Datasets", "RecForge.Output.Parquet", "RecForge.Connectors.Postgres", "RecForge.Connectors.Kafka", "RecForge.Connectors.Milvus"])
        {
            Assert.True(File.Exists(Path.Combine(packages, $"{package}.0.1.0.nupkg")), package);
        }

        Run("dotnet", "tool", "install", "--tool-path", tools, "--add-source", packages, "--ignore-failed-sources", "RecForge.Tool");
        string output = Run(Path.Combine(tools, "recforge"), "generate", "media", "--out", Path.Combine(_root, "media"), "--items", "200", "--users", "50", "--interactions", "500");
        Assert.Contains("interactions", output, StringComparison.Ordinal);
        Assert.Equal(500, Manifest.Load(Path.Combine(_root, "media")).Tables.Single(t => t.Name == "interactions").Rows);
    }

    private static string Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process p = Process.Start(start)!;
        Task<string> error = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{program} {string.Join(' ', args)}: exit {p.ExitCode}\n{output}\n{error.Result}");
        return output;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
