using System.Globalization;
using System.Text;
using RecForge.Connectors.Kafka;
using RecForge.Datasets;
using RecForge.Output;
using RecForge.Reading;

namespace RecForge.Cli.Tests.Datasets;

/// <summary>
/// The dataset-reading layer: a dataset written in each format generate supports reads back, through
/// <see cref="RecForgeDataset"/>, to the same typed rows as its Parquet twin (same scenario, same seed), table by table.
/// </summary>
public sealed class DatasetReadingTests : IDisposable
{
    private readonly string _root = Cli.TempDirectory();

    private string Generate(string scenario, string format, params string[] extra)
    {
        string dir = Path.Combine(_root, scenario + "-" + format);
        var (code, _, error) = Cli.Run(["generate", scenario, "--out", dir, "--format", format, .. extra]);
        Assert.True(code == 0, error);
        return dir;
    }

    [Theory]
    [InlineData("media", "csv")]
    [InlineData("media", "jsonl")]
    [InlineData("media", "json")]
    [InlineData("music", "csv")]
    [InlineData("music", "jsonl")]
    [InlineData("music", "json")]
    [InlineData("ecommerce", "jsonl")]
    public void Every_format_reads_back_the_rows_of_its_parquet_twin(string scenario, string format)
    {
        string[] size = scenario switch
        {
            "media" => ["--items", "300", "--users", "60", "--interactions", "3000"],
            "music" => ["--users", "50", "--songs", "400", "--artists", "40", "--interactions", "4000"],
            _ => ["--users", "80", "--items", "500", "--interactions", "2000"],
        };
        var parquet = RecForgeDataset.Open(Generate(scenario, "parquet", size));
        var other = RecForgeDataset.Open(Generate(scenario, format, size));
        Assert.Equal(format, other.Format);
        Assert.Equal(parquet.Manifest.Tables.Select(t => t.Name), other.Manifest.Tables.Select(t => t.Name));
        foreach (ManifestTable entry in parquet.Manifest.Tables)
        {
            DatasetTable expected = parquet.Open(entry), actual = other.Table(entry.Name);
            Assert.Equal(expected.Schema.Columns.Select(c => c.Name).Order(StringComparer.Ordinal), actual.Schema.Columns.Select(c => c.Name).Order(StringComparer.Ordinal));
            string[] want = Rows(expected), have = Rows(actual);
            Assert.Equal(entry.Rows, have.Length);
            Assert.True(want.Length > 0, entry.Name);

            // Hive-partitioned tables come back partition by partition in both, in the same file order.
            for (int i = 0; i < want.Length; i++)
            {
                Assert.True(want[i] == have[i], $"{entry.Name} row {i}:\n parquet {want[i]}\n {format} {have[i]}");
            }
        }
    }

    [Fact]
    public void Stream_source_orders_a_csv_dataset_exactly_as_its_parquet_twin()
    {
        string[] size = ["--users", "80", "--items", "500", "--interactions", "3000"];
        using var parquet = new TimeOrderedEventSource(RecForgeDataset.Open(Generate("ecommerce", "parquet", size)).Table("interactions"));
        using var csv = new TimeOrderedEventSource(RecForgeDataset.Open(Generate("ecommerce", "csv", size)).Table("interactions"));
        string[] fromParquet = [.. parquet.Read().Select(m => Encoding.UTF8.GetString(m.Key) + " " + Encoding.UTF8.GetString(m.Value))];
        string[] fromCsv = [.. csv.Read().Select(m => Encoding.UTF8.GetString(m.Key) + " " + Encoding.UTF8.GetString(m.Value))];
        Assert.Equal(3000, fromCsv.Length);
        Assert.Equal(fromParquet, fromCsv);
    }

    [Fact]
    public void A_damaged_json_file_is_an_error_naming_it()
    {
        string dir = Generate("media", "jsonl", "--items", "200", "--users", "30", "--interactions", "500");
        var dataset = RecForgeDataset.Open(dir);
        string file = Path.Combine(dir, dataset.Entry("users").Files[0].Path);
        string text = File.ReadAllText(file);
        File.WriteAllText(file, text[..(text.Length / 2)]);
        var e = Assert.Throws<InvalidDataException>(() => dataset.Table("users").Read().Count());
        Assert.Contains(file, e.Message, StringComparison.Ordinal);
    }

    // Each row as one canonical line: the columns by name, values in invariant text (vectors and lists in full).
    private static string[] Rows(DatasetTable table)
    {
        int[] order = [.. Enumerable.Range(0, table.Schema.Columns.Count).OrderBy(c => table.Schema.Columns[c].Name, StringComparer.Ordinal)];
        var rows = new List<string>();
        var line = new StringBuilder();
        foreach (ColumnBatch batch in table.Read(1000))
        {
            for (int r = 0; r < batch.Count; r++)
            {
                line.Clear();
                foreach (int c in order)
                {
                    line.Append(table.Schema.Columns[c].Name).Append('=').Append(Cell(batch.Columns[c], r)).Append(';');
                }

                rows.Add(line.ToString());
            }
        }

        return [.. rows];
    }

    private static string Cell(Array column, int row) => column switch
    {
        long[] l => l[row].ToString(CultureInfo.InvariantCulture),
        double[] d => d[row].ToString("R", CultureInfo.InvariantCulture),
        string[] s => s[row],
        Guid[] g => g[row].ToString("D"),
        // Text formats write times to the second (TextValues.TimestampFormat); music's plays carry milliseconds in Parquet.
        DateTime[] t => t[row].ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + t[row].Kind,
        string[][] lists => string.Join("|", lists[row]),
        float[][] vectors => string.Join(",", vectors[row].Select(f => f.ToString("R", CultureInfo.InvariantCulture))),
        _ => throw new NotSupportedException(column.GetType().Name),
    };

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
