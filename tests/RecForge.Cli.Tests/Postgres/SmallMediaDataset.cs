namespace RecForge.Cli.Tests.Postgres;

/// <summary>A small media dataset (600 items with 1024-d embeddings, 300 users, 20,000 interactions) for load tests.</summary>
public sealed class SmallMediaDataset : IDisposable
{
    public SmallMediaDataset()
    {
        Directory = Cli.TempDirectory();
        var (code, _, error) = Cli.Run("generate", "media", "--out", Directory, "--items", "600", "--users", "300", "--interactions", "20000", "--threads", "2");
        Assert.True(code == 0, error);
    }

    public string Directory { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
