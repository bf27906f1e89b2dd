using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using RecForge.Connectors.Kafka;
using RecForge.Datasets;
using RecForge.Generation;
using RecForge.Output.Parquet;
using RecForge.Scenarios;

namespace RecForge.Bench;

/// <summary><c>--kafka N</c>: messages/s of <c>stream kafka</c> into librdkafka's in-process mock cluster (3 brokers).</summary>
internal static class KafkaBench
{
    public static int Run(long interactions, int repeat)
    {
        string dir = Path.Combine(Path.GetTempPath(), "recforge-kafka-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var scenario = BuiltInScenarios.Load("media", [$"events.count={interactions}", $"users.count={Math.Max(100, interactions / 50)}"]);
            DatasetGenerator.Run(scenario, new GenerateOptions(dir, new ParquetTableFormat(), Environment.ProcessorCount) { Tables = new HashSet<string> { "interactions" } });
            string bootstrap = StartMockCluster(out IDisposable cluster);
            using (cluster)
            {
                var runs = new List<(double Seconds, long Bytes)>();
                for (int r = 0; r < repeat; r++)
                {
                    var clock = Stopwatch.StartNew();
                    using var source = new TimeOrderedEventSource(RecForgeDataset.Open(dir).Table("interactions"));
                    KafkaStreamResult result = KafkaStreamer.Stream(source, new KafkaStreamOptions(bootstrap, $"bench{r}"));
                    runs.Add((clock.Elapsed.TotalSeconds, result.Bytes));
                    if (result.Failed > 0)
                    {
                        throw new InvalidOperationException($"{result.Failed} messages failed: {result.FirstError}");
                    }
                }

                var median = runs.OrderBy(x => x.Seconds).ElementAt(runs.Count / 2);
                Console.WriteLine("| messages | runs | seconds (median, sort + send + flush) | messages/s | MB/s (key + value) |");
                Console.WriteLine("|---:|---:|---:|---:|---:|");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {interactions:N0} | {repeat} | {median.Seconds:F2} | {interactions / median.Seconds:N0} | {median.Bytes / 1048576.0 / median.Seconds:N1} |"));
            }

            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string StartMockCluster(out IDisposable owner)
    {
        string? line = null;
        var config = new ProducerConfig { BootstrapServers = "127.0.0.1:1" };
        config.Set("test.mock.num.brokers", "3");
        var producer = new ProducerBuilder<Null, string>(config).SetLogHandler((_, m) => line ??= m.Message.Contains("replaced with", StringComparison.Ordinal) ? m.Message : null).Build();
        producer.Produce("warmup", new Message<Null, string> { Value = "x" });
        producer.Flush(TimeSpan.FromSeconds(10));
        owner = producer;
        string text = line ?? throw new InvalidOperationException("the mock cluster did not start");
        return text[(text.IndexOf("replaced with ", StringComparison.Ordinal) + 14)..].Trim();
    }
}
