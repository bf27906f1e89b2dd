using System.Text.Json;

namespace RecForge.Cli.Tests;

/// <summary>A small multi-file interactions dataset and how to compare Kafka messages with its Parquet rows.</summary>
internal static class KafkaTestData
{
    public static string Dataset(string root)
    {
        // Several interaction files, so the global order really is a merge.
        string dir = Path.Combine(root, "data");
        var (code, _, error) = Cli.Run("generate", "media", "--out", dir, "--tables", "interactions", "--users", "400", "--interactions", "12000", "--set", "output.partition_rows=100");
        Assert.True(code == 0, error);
        Assert.True(Directory.GetFiles(Path.Combine(dir, "interactions")).Length >= 4);
        return dir;
    }

    public static List<(Guid User, long Item, string Type, double Watch, DateTime Time)> ParquetRows(string dir)
    {
        var table = new ParquetTable(Path.Combine(dir, "interactions"));
        Guid[] users = table.Column<Guid>("user_id");
        long[] items = table.Column<long>("content_id");
        string[] types = table.Column<string>("interaction_type");
        double[] watch = table.Column<double>("watch_time");
        DateTime[] times = table.Column<DateTime>("timestamp");
        return [.. Enumerable.Range(0, users.Length).Select(i => (users[i], items[i], types[i], watch[i], times[i]))];
    }

    /// <summary>The rows in the order the stream sends them (the same time-ordered merge of the files).</summary>
    public static List<(Guid User, long Item, string Type, double Watch, DateTime Time)> OrderedRows(string dir)
    {
        using var source = new RecForge.Connectors.Kafka.TimeOrderedEventSource(RecForge.Datasets.RecForgeDataset.Open(dir).Table("interactions"));
        return [.. source.Read().Select(m => Parse(System.Text.Encoding.UTF8.GetString(m.Value)))];
    }

    public static (Guid User, long Item, string Type, double Watch, DateTime Time) Parse(string json)
    {
        JsonElement e = JsonDocument.Parse(json).RootElement;
        return (e.GetProperty("user_id").GetGuid(), e.GetProperty("content_id").GetInt64(), e.GetProperty("interaction_type").GetString()!,
            e.GetProperty("watch_time").GetDouble(), DateTime.Parse(e.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal));
    }
}
