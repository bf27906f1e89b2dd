using RecForge.Datasets;
using RecForge.Generation;
using RecForge.Output;
using RecForge.Scenarios;

namespace RecForge.Cli.Tests;

/// <summary>
/// Partitions are generated in blocks by every thread and written in order: wherever the blocks' seams fall, and on
/// any thread count, the files are the bytes one thread writes in one piece.
/// </summary>
public sealed class BlockSeamTests : IDisposable
{
    private readonly string _root = Cli.TempDirectory();

    [Theory]
    [InlineData("media", "parquet", 700)]
    [InlineData("music", "csv", 700)]
    [InlineData("media", "parquet", 3)]
    public void Blocks_of_any_size_on_any_thread_count_write_the_same_files(string name, string format, int users)
    {
        // Given a scenario with several item blocks (media: 9,000 items with embeddings and hive partitions, ~1,900 a
        // batch) and interactions that fill several 8,192-row batches per file; with 3 users, each user's ~20,000 rows
        // are a block of their own, more than the two batches a 997-row block may hold back before it waits its turn
        // and writes as it goes
        ScenarioDefinition scenario = BuiltInScenarios.Load(name, ["items.count=9000", $"users.count={users}", "events.count=60000"]);
        // (The three users' interactions alone, so that every thread starts on them and two hold blocks back at once.)
        IReadOnlySet<string>? tables = users == 3 ? new HashSet<string>([scenario.Events.Table]) : null;
        Manifest Run(string folder, int threads, long blockRows) => DatasetGenerator.Run(scenario,
            new GenerateOptions(Path.Combine(_root, folder), TableFormats.Named(format), threads) { BlockRows = blockRows, Tables = tables });

        // When it is written by one thread with one block per partition, and with interaction blocks of 997 rows (a
        // seam inside nearly every batch, and batches that take rows of up to nine blocks) on one, two and three threads
        Manifest whole = Run("whole", 1, long.MaxValue);
        Manifest[] seamed = [Run("one", 1, 997), Run("two", 2, 997), Run("three", 3, 997), Run("default", 2, PartitionRunner.DefaultBlockRows)];

        // Then every table has the same files, rows and SHA-256 each time
        Assert.Equal(60_000, whole.Tables.Single(t => t.Name == scenario.Events.Table).Rows);
        foreach (Manifest m in seamed)
        {
            Assert.Equal(whole.Tables.Select(t => t.Name), m.Tables.Select(t => t.Name));
            for (int t = 0; t < whole.Tables.Count; t++)
            {
                Assert.Equal(whole.Tables[t].Files, m.Tables[t].Files);
            }
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
