namespace RecForge.Cli.Tests;

public sealed class DeterminismTests : IDisposable
{
    private readonly string _root = Cli.TempDirectory();

    private string Generate(string name, params string[] extra)
    {
        string dir = Path.Combine(_root, name);

        // Small partitions so that two threads really interleave several files of every table.
        string[] args = ["generate", "media", "--out", dir, "--items", "2500", "--users", "900", "--interactions", "20000", "--set", "output.partition_rows=400", .. extra];
        var (code, _, error) = Cli.Run(args);
        Assert.True(code == 0, error);
        return dir;
    }

    private static Dictionary<string, byte[]> Files(string dir)
        => Directory.GetFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllBytes);

    [Fact]
    public void One_and_two_threads_write_byte_identical_files()
    {
        var one = Files(Generate("t1", "--threads", "1"));
        var two = Files(Generate("t2", "--threads", "2"));
        Assert.True(one.Count > 10, "expected several partitions");
        Assert.Equal(one.Keys.Order(), two.Keys.Order());
        foreach (var (path, bytes) in one)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(two[path]), $"{path} differs");
        }
    }

    [Fact]
    public void The_same_command_twice_gives_the_same_bytes_and_another_seed_does_not()
    {
        var first = Files(Generate("a"));
        var again = Files(Generate("b"));
        var other = Files(Generate("c", "--seed", "7"));
        Assert.All(first, f => Assert.True(f.Value.AsSpan().SequenceEqual(again[f.Key]), f.Key));
        Assert.False(first["interactions/part-00000.parquet"].AsSpan().SequenceEqual(other["interactions/part-00000.parquet"]));
        Assert.False(first["users/part-00000.parquet"].AsSpan().SequenceEqual(other["users/part-00000.parquet"]));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
