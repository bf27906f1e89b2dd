using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace RecForge.Cli.Tests;

/// <summary>
/// librdkafka's built-in mock cluster (3 brokers on 127.0.0.1), started by a producer with test.mock.num.brokers
/// and alive as long as that producer is; its log line "... replaced with 127.0.0.1:P1,..." gives the bootstrap list.
/// </summary>
public sealed class MockKafkaCluster : IDisposable
{
    private readonly IProducer<Null, string> _owner;

    public MockKafkaCluster()
    {
        string? line = null;
        using var found = new ManualResetEventSlim();
        var config = new ProducerConfig { BootstrapServers = "127.0.0.1:1" };
        config.Set("test.mock.num.brokers", "3");
        _owner = new ProducerBuilder<Null, string>(config).SetLogHandler((_, m) =>
        {
            if (m.Message.Contains("replaced with", StringComparison.Ordinal))
            {
                line = m.Message;
                found.Set();
            }
        }).Build();
        _owner.Produce("warmup", new Message<Null, string> { Value = "x" });
        _owner.Flush(TimeSpan.FromSeconds(10));
        Assert.True(found.Wait(TimeSpan.FromSeconds(10)), "mock cluster did not start");
        string text = line ?? throw new InvalidOperationException("no mock cluster log line");
        Bootstrap = text[(text.IndexOf("replaced with ", StringComparison.Ordinal) + 14)..].Trim();
        Assert.StartsWith("127.0.0.1:", Bootstrap, StringComparison.Ordinal);
    }

    public string Bootstrap { get; }

    /// <summary>
    /// Makes the mock brokers answer the next <paramref name="count"/> Produce requests with <paramref name="errorCode"/>
    /// (librdkafka's <c>rd_kafka_mock_push_request_errors_array</c>, which Confluent.Kafka does not wrap; the
    /// function is called from the librdkafka build that Confluent.Kafka loaded into this process).
    /// </summary>
    public void InjectProduceErrors(int errorCode, int count)
    {
        string library = File.ReadLines("/proc/self/maps")
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .First(p => p.Length >= 6 && p[5].Contains("librdkafka", StringComparison.Ordinal))[5];
        IntPtr handle = NativeLibrary.Load(library);
        var mockCluster = Marshal.GetDelegateForFunctionPointer<MockClusterOf>(NativeLibrary.GetExport(handle, "rd_kafka_handle_mock_cluster"));
        var pushErrors = Marshal.GetDelegateForFunctionPointer<PushRequestErrors>(NativeLibrary.GetExport(handle, "rd_kafka_mock_push_request_errors_array"));
        var client = (SafeHandle)typeof(Handle).GetProperty("LibrdkafkaHandle", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(_owner.Handle)!;
        const short produceApiKey = 0;
        pushErrors(mockCluster(client.DangerousGetHandle()), produceApiKey, (UIntPtr)count, Enumerable.Repeat(errorCode, count).ToArray());
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr MockClusterOf(IntPtr client);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void PushRequestErrors(IntPtr cluster, short apiKey, UIntPtr count, int[] errors);

    /// <summary>
    /// Reads every message of a topic from the beginning until <paramref name="expected"/> arrive or 60 s pass, then a
    /// second more — or, with <paramref name="untilQuiet"/>, on until no message comes for a second.
    /// </summary>
    public List<ConsumeResult<string, string>> ReadAll(string topic, long expected, bool untilQuiet = false)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = Bootstrap,
            GroupId = Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        };
        using IConsumer<string, string> consumer = new ConsumerBuilder<string, string>(config).SetLogHandler((_, _) => { }).Build();
        consumer.Subscribe(topic);
        var messages = new List<ConsumeResult<string, string>>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (messages.Count < expected && DateTime.UtcNow < deadline)
        {
            try
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } r)
                {
                    messages.Add(r);
                }
            }
            catch (ConsumeException e) when (e.Error.Code == ErrorCode.UnknownTopicOrPart)
            {
                // The producer has not created the topic yet.
                Thread.Sleep(100);
            }
        }

        // A little longer, to catch duplicates beyond the expected count; until quiet, also messages a broker kept
        // although their acknowledgement failed.
        for (int quiet = 0, polls = 0; quiet < 5 && (untilQuiet || polls < 5); polls++)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } extra)
            {
                messages.Add(extra);
                quiet = 0;
            }
            else
            {
                quiet++;
            }
        }

        consumer.Close();
        return messages;
    }

    public void Dispose() => _owner.Dispose();
}
