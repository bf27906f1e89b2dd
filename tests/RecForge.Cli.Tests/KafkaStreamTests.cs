using System.Text.Json;

namespace RecForge.Cli.Tests;

/// <summary>Issue 7: interactions streamed to Kafka (librdkafka's mock cluster) and read back by a real consumer.</summary>
public sealed class KafkaStreamTests(MockKafkaCluster kafka, ITestOutputHelper output) : IClassFixture<MockKafkaCluster>, IDisposable
{
    private readonly string _root = Cli.TempDirectory();

    [Fact]
    public void Every_interaction_arrives_once_keyed_by_user_in_time_order_equal_to_the_parquet_rows()
    {
        // Given a dataset, when it is streamed to a topic
        string dir = KafkaTestData.Dataset(_root);
        var (code, stdout, error) = Cli.Run("stream", "kafka", dir, "--bootstrap", kafka.Bootstrap, "--topic", "all");
        output.WriteLine(stdout);
        Assert.True(code == 0, error);
        Assert.Contains("sent 12,000, delivered 12,000, failed 0", stdout, StringComparison.Ordinal);

        // Then a consumer reads every message exactly once
        var messages = kafka.ReadAll("all", 12_000);
        Assert.Equal(12_000, messages.Count);

        // And payloads equal the Parquet rows, keyed by user
        var rows = KafkaTestData.ParquetRows(dir);
        var received = messages.Select(m => KafkaTestData.Parse(m.Message.Value)).ToList();
        Assert.Equal(rows.Order(), received.Order());
        Assert.All(messages, m => Assert.Equal(JsonDocument.Parse(m.Message.Value).RootElement.GetProperty("user_id").GetString(), m.Message.Key));

        // And each partition (so each user) is in timestamp order, and a user's events share one partition
        foreach (var partition in messages.GroupBy(m => m.Partition.Value))
        {
            DateTime[] times = [.. partition.OrderBy(m => m.Offset.Value).Select(m => KafkaTestData.Parse(m.Message.Value).Time)];
            Assert.True(times.Zip(times.Skip(1)).All(p => p.First <= p.Second), $"partition {partition.Key} is out of order");
        }

        Assert.All(messages.GroupBy(m => m.Message.Key), g => Assert.Single(g.Select(m => m.Partition.Value).Distinct()));
    }

    [Fact]
    public void A_csv_dataset_streams_its_rows_with_their_types()
    {
        // ecommerce writes CSV; the reading layer types it by the scenario, so ratings arrive as numbers.
        string dir = Path.Combine(_root, "ecommerce-csv");
        Assert.Equal(0, Cli.Run("generate", "ecommerce", "--out", dir, "--users", "60", "--items", "300", "--interactions", "1500").ExitCode);
        var (code, stdout, error) = Cli.Run("stream", "kafka", dir, "--bootstrap", kafka.Bootstrap, "--topic", "csv-ratings");
        Assert.True(code == 0, error);
        Assert.Contains("sent 1,500, delivered 1,500, failed 0", stdout, StringComparison.Ordinal);
        var messages = kafka.ReadAll("csv-ratings", 1_500);
        Assert.Equal(1_500, messages.Count);
        Assert.All(messages, m =>
        {
            JsonElement row = JsonDocument.Parse(m.Message.Value).RootElement;
            Assert.Equal(JsonValueKind.Number, row.GetProperty("rating").ValueKind);
            Assert.Equal(row.GetProperty("user_id").GetString(), m.Message.Key);
        });
    }

    [Fact]
    public void A_limited_stream_resumes_from_its_offset_file_without_gaps_or_duplicates()
    {
        string dir = KafkaTestData.Dataset(_root);
        string offsets = Path.Combine(_root, "offsets.json");
        var first = Cli.Run("stream", "kafka", dir, "--bootstrap", kafka.Bootstrap, "--topic", "resume", "--limit", "5000", "--offset-file", offsets);
        Assert.True(first.ExitCode == 0, first.Error);
        var second = Cli.Run("stream", "kafka", dir, "--bootstrap", kafka.Bootstrap, "--topic", "resume", "--resume-from", offsets, "--offset-file", offsets);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains("sent 7,000", second.Out, StringComparison.Ordinal);

        var received = kafka.ReadAll("resume", 12_000).Select(m => KafkaTestData.Parse(m.Message.Value)).ToList();
        Assert.Equal(KafkaTestData.ParquetRows(dir).Order(), received.Order());
    }

    [Fact]
    public async Task Ctrl_c_flushes_reports_the_position_and_the_stream_resumes_from_it()
    {
        // Given a slow stream in a child process (the mock brokers listen on loopback, so another process reaches them)
        string dir = KafkaTestData.Dataset(_root);
        string offsets = Path.Combine(_root, "interrupted.json");
        using var child = ChildProcess.Start("stream", "kafka", dir, "--bootstrap", kafka.Bootstrap, "--topic", "interrupted", "--rate", "1000", "--offset-file", offsets);
        Task<string> reading = child.StandardOutput.ReadToEndAsync();

        // Interrupt only once messages arrive: the child is past start-up and its Ctrl-C handler is installed.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (kafka.ReadAll("interrupted", 1).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        // When it gets SIGINT (Ctrl-C)
        using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.True(child.WaitForExit(30_000));
        string stdout = await reading;
        output.WriteLine(stdout);

        // Then it stopped early, reported how far it got, and recorded that position
        Assert.Contains("(stopped early)", stdout, StringComparison.Ordinal);
        long position = JsonDocument.Parse(File.ReadAllText(offsets)).RootElement.GetProperty("position").GetInt64();
        Assert.InRange(position, 1, 11_999);

        // And resuming from it delivers the rest: every row exactly once
        var (code, _, error) = Cli.Run("stream", "kafka", dir, "--bootstrap", kafka.Bootstrap, "--topic", "interrupted", "--resume-from", offsets);
        Assert.True(code == 0, error);
        var received = kafka.ReadAll("interrupted", 12_000).Select(m => KafkaTestData.Parse(m.Message.Value)).ToList();
        Assert.Equal(KafkaTestData.ParquetRows(dir).Order(), received.Order());
    }

    [Fact]
    public void Resuming_from_a_timestamp_sends_exactly_the_later_events()
    {
        string dir = KafkaTestData.Dataset(_root);
        var cutoff = new DateTime(2024, 7, 1, 0, 0, 0, DateTimeKind.Utc);
        var (code, stdout, error) = Cli.Run("stream", "kafka", dir, "--bootstrap", kafka.Bootstrap, "--topic", "from-july", "--resume-from", "2024-07-01T00:00:00Z");
        Assert.True(code == 0, error);
        var expected = KafkaTestData.ParquetRows(dir).Where(r => r.Time >= cutoff).Order().ToList();
        Assert.Contains($"sent {expected.Count:N0}", stdout, StringComparison.Ordinal);
        Assert.Equal(expected, kafka.ReadAll("from-july", expected.Count).Select(m => KafkaTestData.Parse(m.Message.Value)).Order());
    }

    [Fact]
    public void A_scenario_streams_straight_into_kafka()
    {
        var (code, stdout, error) = Cli.Run("stream", "kafka", "media", "--bootstrap", kafka.Bootstrap, "--topic", "direct",
            "--set", "items.count=300", "--set", "users.count=50", "--set", "events.count=2000");
        Assert.True(code == 0, error);
        Assert.Contains("sent 2,000, delivered 2,000, failed 0", stdout, StringComparison.Ordinal);
        var messages = kafka.ReadAll("direct", 2000);
        Assert.Equal(2000, messages.Count);
        Assert.Equal(50, messages.Select(m => m.Message.Key).Distinct().Count());
    }

    [Fact]
    public void Ecommerce_ratings_arrive_as_user_item_rating_timestamp_messages()
    {
        // DESIGN.md: Kafka messages {user_id, item_id, rating, timestamp}.
        var (code, stdout, error) = Cli.Run("stream", "kafka", "ecommerce", "--bootstrap", kafka.Bootstrap, "--topic", "ratings",
            "--set", "users.count=100", "--set", "events.count=3000");
        Assert.True(code == 0, error);
        Assert.Contains("sent 3,000, delivered 3,000, failed 0", stdout, StringComparison.Ordinal);
        var messages = kafka.ReadAll("ratings", 3000);
        Assert.Equal(3000, messages.Count);
        Assert.All(messages, m =>
        {
            JsonElement json = JsonDocument.Parse(m.Message.Value).RootElement;
            Assert.Equal(["user_id", "item_id", "rating", "timestamp"], json.EnumerateObject().Select(p => p.Name));
            Assert.InRange(json.GetProperty("rating").GetDouble(), 1.0, 5.0);
            Assert.StartsWith("item_", json.GetProperty("item_id").GetString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Pacing_by_rate_takes_the_expected_time()
    {
        string dir = KafkaTestData.Dataset(_root);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (code, _, error) = Cli.Run("stream", "kafka", dir, "--bootstrap", kafka.Bootstrap, "--topic", "paced", "--limit", "600", "--rate", "400");
        Assert.True(code == 0, error);

        // 600 messages at 400/s: the last is due at 1.5 s. The upper bound only guards against a hang (start-up,
        // sorting and the flush come on top, and CI machines are shared).
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.4, 20);
    }

    [Fact]
    public void An_unreachable_broker_fails_within_the_connect_timeout_naming_the_servers_and_the_cause()
    {
        // Given a broker address where nothing listens (issue 16: it used to fail after 30 s as "Message timed out")
        string dir = KafkaTestData.Dataset(_root);
        string offsets = Path.Combine(_root, "unreachable.json");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (code, _, error) = Cli.Run("stream", "kafka", dir, "--bootstrap", "127.0.0.1:9", "--topic", "lost", "--limit", "300", "--offset-file", offsets);
        clock.Stop();

        // Then it fails by the default 10 s connect timeout (plus start-up), naming the servers and the broker's reason
        output.WriteLine(error);
        Assert.Equal(1, code);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 20);
        Assert.StartsWith("error: 127.0.0.1:9: no Kafka broker answered within 10 s", error, StringComparison.Ordinal);
        Assert.Contains("Connection refused", error, StringComparison.Ordinal);
        Assert.False(File.Exists(offsets), "no offset file: nothing was sent");
    }

    [Fact]
    public void Bad_sources_are_one_line_errors()
    {
        var (code, _, error) = Cli.Run("stream", "kafka", Path.Combine(_root, "nothing"), "--bootstrap", kafka.Bootstrap);
        Assert.Equal(2, code);
        Assert.Contains("nothing: scenario file not found", error, StringComparison.Ordinal);
        Directory.CreateDirectory(Path.Combine(_root, "empty"));
        Assert.Contains("not a finished RecForge dataset", Cli.Run("stream", "kafka", Path.Combine(_root, "empty"), "--bootstrap", kafka.Bootstrap).Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

/// <summary>Issue 7: a broker error injected through the mock cluster. Own mock cluster: injected errors apply to the next requests of the whole cluster.</summary>
public sealed class KafkaBrokerErrorTests(MockKafkaCluster kafka, ITestOutputHelper output) : IClassFixture<MockKafkaCluster>, IDisposable
{
    private readonly string _root = Cli.TempDirectory();

    [Fact]
    public void A_broker_error_injected_in_the_mock_cluster_is_reported_not_lost()
    {
        // Given the mock brokers will reject the next Produce requests with TOPIC_AUTHORIZATION_FAILED (29, not retriable)
        string dir = KafkaTestData.Dataset(_root);
        kafka.InjectProduceErrors(29, 3);

        // When 2,000 messages are streamed
        var (code, stdout, error) = Cli.Run("stream", "kafka", dir, "--bootstrap", kafka.Bootstrap, "--topic", "rejected", "--limit", "2000", "--linger-ms", "50");
        output.WriteLine(stdout + error);

        // Then the failures are counted and named, every message is accounted for, and the exit code says so
        Assert.Equal(1, code);
        var summary = System.Text.RegularExpressions.Regex.Match(stdout, @"sent ([\d,]+), delivered ([\d,]+), failed ([\d,]+)");
        long Number(int group) => long.Parse(summary.Groups[group].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(2000, Number(1));
        Assert.True(Number(3) > 0);
        Assert.Equal(Number(1), Number(2) + Number(3));
        Assert.Contains("Topic authorization failed", error, StringComparison.Ordinal);
        Assert.Equal(Number(2), kafka.ReadAll("rejected", Number(2)).Count);
    }

    [Fact]
    public void After_failed_deliveries_the_offset_file_resumes_before_the_first_undelivered_message()
    {
        // Given a stream whose first Produce requests are rejected (TOPIC_AUTHORIZATION_FAILED, not retriable)
        string dir = KafkaTestData.Dataset(_root);
        string offsets = Path.Combine(_root, "failed.json");
        kafka.InjectProduceErrors(29, 3);
        var first = Cli.Run("stream", "kafka", dir, "--bootstrap", kafka.Bootstrap, "--topic", "redo", "--limit", "1000", "--linger-ms", "50", "--offset-file", offsets);
        Assert.Equal(1, first.ExitCode);

        // Then the saved position is the end of the delivered prefix (issue 16: it was 1,000, so the lost ones were never sent)
        using (JsonDocument saved = JsonDocument.Parse(File.ReadAllText(offsets)))
        {
            Assert.True(saved.RootElement.GetProperty("position").GetInt64() < 1000, File.ReadAllText(offsets));
            Assert.False(saved.RootElement.GetProperty("all_delivered").GetBoolean());
        }

        // When the stream resumes from it until a run delivers everything (the injected errors may still hit the next
        // run's first requests), every one of the first 1,000 rows has arrived: at least once, never skipped
        // A run that stops before streaming (a broker error on its first request) prints no summary: it delivered none.
        long Delivered(string text) => System.Text.RegularExpressions.Regex.Match(text, @"delivered ([\d,]+)") is { Success: true } m
            ? long.Parse(m.Groups[1].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture) : 0;
        string stdout = first.Out;
        long delivered = Delivered(first.Out);
        int code = first.ExitCode;
        for (int attempt = 0; attempt < 4 && code != 0; attempt++)
        {
            var next = Cli.Run("stream", "kafka", dir, "--bootstrap", kafka.Bootstrap, "--topic", "redo", "--limit", "1000", "--resume-from", offsets, "--offset-file", offsets);
            (code, stdout, delivered) = (next.ExitCode, stdout + next.Out + next.Error, delivered + Delivered(next.Out));
        }

        Assert.True(code == 0, stdout);
        var received = kafka.ReadAll("redo", delivered, untilQuiet: true).Select(m => KafkaTestData.Parse(m.Message.Value)).ToHashSet();
        var expected = KafkaTestData.OrderedRows(dir).Take(1000).ToList();
        output.WriteLine(stdout);
        Assert.All(expected, row => Assert.Contains(row, received));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

/// <summary>Issue 7: retriable broker errors. Own mock cluster: injected errors apply to the next requests of the whole cluster.</summary>
public sealed class KafkaRetryTests(MockKafkaCluster kafka) : IClassFixture<MockKafkaCluster>, IDisposable
{
    private readonly string _root = Cli.TempDirectory();

    [Fact]
    public void Retriable_broker_errors_are_retried_without_loss_or_duplicates()
    {
        // Given the mock brokers answer the next Produce requests with NOT_ENOUGH_REPLICAS (19, retriable)
        string dir = KafkaTestData.Dataset(_root);
        kafka.InjectProduceErrors(19, 5);

        // When the dataset is streamed, then the idempotent producer retries and every row arrives exactly once
        var (code, _, error) = Cli.Run("stream", "kafka", dir, "--bootstrap", kafka.Bootstrap, "--topic", "retried");
        Assert.True(code == 0, error);
        var received = kafka.ReadAll("retried", 12_000).Select(m => KafkaTestData.Parse(m.Message.Value)).ToList();
        Assert.Equal(KafkaTestData.ParquetRows(dir).Order(), received.Order());
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
