using RecForge.Datasets;
using RecForge.Generation;
using RecForge.Output;
using RecForge.Scenarios;

namespace RecForge.Cli.Tests;

/// <summary>A catalogue large enough that preference picks fetch their attempts ahead gives the bytes of the plain loop, on any thread count.</summary>
public sealed class LargeCatalogueTests : IDisposable
{
    private readonly string _root = Cli.TempDirectory();

    [Fact]
    public void Fetching_attempts_ahead_and_threads_change_no_byte_of_the_interactions()
    {
        // Given the media scenario with 150,000 items: 19.2 MB of held positions at 32 dimensions, past the 16 MB at which
        // picks start fetching ahead, with coherence, the funnel and watch time as shipped
        ScenarioDefinition scenario = BuiltInScenarios.Load("media", ["items.count=150000", "users.count=400", "events.count=40000"]);
        IReadOnlySet<string> tables = new HashSet<string>(["interactions"]);
        Manifest Run(string name, int threads, long fetchAheadBytes) => DatasetGenerator.Run(scenario,
            new GenerateOptions(Path.Combine(_root, name), TableFormats.Named("parquet"), threads) { Tables = tables, FetchAheadBytes = fetchAheadBytes });

        // When it is generated one attempt at a time, fetching ahead, and fetching ahead (the default) on two threads
        Manifest plain = Run("plain", 1, long.MaxValue);
        Manifest ahead = Run("ahead", 1, 0);
        Manifest threads = Run("threads", 2, ItemCatalog.DefaultFetchAheadBytes);

        // Then every interactions file has the same name, rows and SHA-256 in all three
        ManifestFile[] expected = [.. plain.Tables.Single(t => t.Name == "interactions").Files];
        Assert.Equal(40_000, expected.Sum(f => f.Rows));
        Assert.Equal(expected, ahead.Tables.Single(t => t.Name == "interactions").Files);
        Assert.Equal(expected, threads.Tables.Single(t => t.Name == "interactions").Files);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
