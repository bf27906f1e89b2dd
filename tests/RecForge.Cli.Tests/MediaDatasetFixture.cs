namespace RecForge.Cli.Tests;

/// <summary>Generates the default-size media dataset once (the README's first command) for all property tests.</summary>
public sealed class MediaDatasetFixture : IDisposable
{
    public MediaDatasetFixture()
    {
        Directory = Cli.TempDirectory();
        var (code, _, error) = Cli.Run("generate", "media", "--out", Directory, "--threads", "2");
        Assert.True(code == 0, error);
    }

    public string Directory { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
