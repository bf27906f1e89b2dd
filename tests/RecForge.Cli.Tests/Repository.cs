namespace RecForge.Cli.Tests;

/// <summary>The repository the tests run from.</summary>
internal static class Repository
{
    /// <summary>The folder holding RecForge.slnx, found above the test binaries.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "RecForge.slnx")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("no RecForge.slnx above the test binaries");
    }
}
