using RecForge.Datasets;
using RecForge.Generation;
using RecForge.Output;
using RecForge.Quality;
using RecForge.Scenarios;

namespace RecForge.Cli.Tests.Library;

/// <summary>RecForge used as a library: the README's C# example runs as written, and generating into memory gives the rows the files hold.</summary>
/// <remarks>Alone in a non-parallel collection: the README example uses the working directory and the console.</remarks>
[Collection(nameof(LibraryApiTests))]
public sealed class LibraryApiTests : IDisposable
{
    private readonly string _root = Cli.TempDirectory();

    [Fact]
    public void The_readme_example_runs_and_is_the_one_in_the_readme()
    {
        string previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = _root;
        TextWriter console = Console.Out;
        var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            ReadmeExample();
        }
        finally
        {
            Console.SetOut(console);
            Environment.CurrentDirectory = previous;
        }

        Assert.Matches(@"^\d+ rows in 3 tables, \d+ views, validation passed\n$", output.ToString());
        Assert.True(File.Exists(Path.Combine(_root, "out", "library-media", Manifest.FileName)));

        // The README shows exactly the body of ReadmeExample.
        string source = File.ReadAllText(Path.Combine(Repository.Root, "tests", "RecForge.Cli.Tests", "Library", "LibraryApiTests.cs"));
        const string Begin = "// README example: begin\n", End = "        // README example: end\n";
        string body = source[(source.IndexOf(Begin, StringComparison.Ordinal) + Begin.Length)..source.IndexOf(End, StringComparison.Ordinal)];
        string example = string.Join("\n", body.Split('\n').Select(l => l.Length >= 8 ? l[8..] : l.Trim())).Trim();
        string readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        Assert.Contains(example, readme, StringComparison.Ordinal);
    }

    private static void ReadmeExample()
    {
        // README example: begin
        ScenarioDefinition scenario = BuiltInScenarios.Load("media", ["items.count=5000", "users.count=1000", "events.count=50000"]);
        Manifest manifest = DatasetGenerator.Run(scenario, new GenerateOptions("out/library-media", TableFormats.Named("parquet"), Threads: 2));

        RecForgeDataset dataset = RecForgeDataset.Open("out/library-media");
        long views = 0;
        foreach (ColumnBatch batch in dataset.Table("interactions").Read())
        {
            string[] types = batch.Column<string>(batch.Schema.IndexOf("interaction_type"));
            for (int row = 0; row < batch.Count; row++)
            {
                views += types[row] == "view" ? 1 : 0;
            }
        }

        ValidationReport report = DatasetValidation.Validate(dataset);
        Console.WriteLine($"{manifest.Tables.Sum(t => t.Rows)} rows in {manifest.Tables.Count} tables, {views} views, validation {(report.Passed ? "passed" : "failed")}");
        // README example: end
    }

    [Fact]
    public void Generating_into_a_batch_sink_gives_the_rows_of_the_parquet_files()
    {
        ScenarioDefinition scenario = BuiltInScenarios.Load("music", ["users.count=40", "events.count=3000"]);
        var sunk = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var sink = new BatchSinkFormat((table, batch) =>
        {
            List<string> rows = sunk.TryGetValue(table, out List<string>? list) ? list : sunk[table] = [];
            for (int r = 0; r < batch.Count; r++)
            {
                rows.Add(string.Join("|", Enumerable.Range(0, batch.Columns.Length).Select(c => Cell(batch.Columns[c], r))));
            }
        });
        Manifest memory = DatasetGenerator.Run(scenario, new GenerateOptions(Path.Combine(_root, "sink"), sink, Threads: 1));
        DatasetGenerator.Run(scenario, new GenerateOptions(Path.Combine(_root, "files"), TableFormats.Named("parquet"), Threads: 1));
        var files = RecForgeDataset.Open(Path.Combine(_root, "files"));

        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "sink"), "*.sink", SearchOption.AllDirectories));
        Assert.Equal(files.Manifest.Tables.Select(t => (t.Name, t.Rows)), memory.Tables.Select(t => (t.Name, t.Rows)));
        foreach (ManifestTable table in files.Manifest.Tables.Where(t => t.PartitionBy is null))
        {
            var expected = new List<string>();
            foreach (ColumnBatch batch in files.Open(table).Read())
            {
                for (int r = 0; r < batch.Count; r++)
                {
                    expected.Add(string.Join("|", Enumerable.Range(0, batch.Columns.Length).Select(c => Cell(batch.Columns[c], r))));
                }
            }

            Assert.Equal(expected, sunk[table.Name]);
        }
    }

    private static string Cell(Array column, int row) => column switch
    {
        string[][] lists => string.Join(",", lists[row]),
        float[][] vectors => string.Join(",", vectors[row]),
        DateTime[] times => times[row].Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(column.GetValue(row), System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

/// <summary>Runs <see cref="LibraryApiTests"/> after the parallel tests, alone.</summary>
[CollectionDefinition(nameof(LibraryApiTests), DisableParallelization = true)]
public sealed class LibraryApiCollection;
