using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;
using RecForge.Generation;

namespace RecForge.Connectors.Kafka;

/// <summary>
/// Sends ordered interaction messages with an idempotent producer (acks=all), keyed by user so each user's events
/// stay in order in one partition, paced as asked, counting every delivery report.
/// </summary>
public static class KafkaStreamer
{
    /// <summary>Streams <paramref name="source"/>; never throws for delivery failures — they are counted in the result.</summary>
    public static KafkaStreamResult Stream(TimeOrderedEventSource source, KafkaStreamOptions options)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = options.Bootstrap,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = options.LingerMs,
            BatchSize = options.BatchBytes,
            CompressionType = Enum.Parse<CompressionType>(options.Compression, ignoreCase: true),
            MessageTimeoutMs = options.MessageTimeoutMs,
            ClientId = "recforge",
        };
        foreach (var (name, value) in options.Settings)
        {
            config.Set(name, value);
        }

        long delivered = 0, failed = 0, bytes = 0, sent = 0, position = 0;
        string? firstError = null, brokerError = null;
        long total = options.Limit is { } limit ? Math.Min(limit, source.Count - options.Skip) : source.Count - options.Skip;
        var progress = new DeliveredPrefix(options.Skip);
        using IProducer<byte[], byte[]> producer = new ProducerBuilder<byte[], byte[]>(config)
            .SetLogHandler((_, _) => { })
            // The first error names the cause ("Connect to ipv4#127.0.0.1:9 failed: Connection refused"); later ones
            // may only summarise it ("1/1 brokers are down").
            .SetErrorHandler((_, error) => Interlocked.CompareExchange(ref brokerError, error.Reason, null))
            .Build();
        CheckReachable(producer, options, () => Volatile.Read(ref brokerError));
        Action<DeliveryReport<byte[], byte[]>> OnDelivery(long at) => report =>
        {
            if (report.Error.IsError)
            {
                Interlocked.Increment(ref failed);
                Interlocked.CompareExchange(ref firstError, report.Error.Reason, null);
                progress.Fail(at);
            }
            else
            {
                Interlocked.Increment(ref delivered);
                Interlocked.Add(ref bytes, report.Message.Key.Length + report.Message.Value.Length);
                progress.Done(at);
            }
        };

        var clock = Stopwatch.StartNew();
        long? firstTicks = null;
        bool cancelled = false;
        foreach (EventMessage message in source.Read())
        {
            position++;
            if (position <= options.Skip)
            {
                continue;
            }

            if (options.From is { } from && message.TimestampTicks < from.Ticks)
            {
                // Before the resume time: nothing to deliver, so it does not hold the delivered prefix back.
                progress.Done(position);
                continue;
            }

            if (sent == options.Limit)
            {
                position--;
                break;
            }

            if (options.Cancellation.IsCancellationRequested)
            {
                cancelled = true;
                position--;
                break;
            }

            Pace(options, clock, sent, message.TimestampTicks, ref firstTicks);
            var kafkaMessage = new Message<byte[], byte[]>
            {
                Key = message.Key,
                Value = message.Value,
                Timestamp = new Timestamp(new DateTime(message.TimestampTicks, DateTimeKind.Utc)),
            };
            while (true)
            {
                try
                {
                    producer.Produce(options.Topic, kafkaMessage, OnDelivery(position));
                    break;
                }
                catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(50));
                }
                catch (ProduceException<byte[], byte[]> e)
                {
                    // Refused before it left (librdkafka already knows the topic is in error, e.g. not authorised): a
                    // failed message like one the broker rejected, counted and named, not a crash that loses the summary.
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstError, e.Error.Reason, null);
                    progress.Fail(position);
                    break;
                }
            }

            sent++;
            if ((sent & 0x3FFF) == 0)
            {
                options.Progress?.Report(new GenerationProgress(sent, total));
            }
        }

        // Everything handed over is either acknowledged or failed once flush returns (message.timeout.ms bounds it).
        producer.Flush(TimeSpan.FromMilliseconds(options.MessageTimeoutMs + 10_000));
        long lost = sent - Interlocked.Read(ref delivered) - Interlocked.Read(ref failed);
        if (lost > 0)
        {
            Interlocked.Add(ref failed, lost);
            Interlocked.CompareExchange(ref firstError, $"{lost} messages were still in flight when the flush timed out", null);
        }

        options.Progress?.Report(new GenerationProgress(sent, total));
        // The saved position is where every earlier message is delivered: a resume from it sends each undelivered
        // message again (at least once), never skipping one that failed or was still in flight.
        long resumeAt = progress.Prefix;
        if (options.OffsetFile is { } offsetFile)
        {
            SaveOffset(offsetFile, resumeAt, failed == 0 && resumeAt == position);
        }

        return new KafkaStreamResult(sent, delivered, failed, bytes, resumeAt, firstError, cancelled);
    }

    // Asks the cluster for the topic's metadata, so an unreachable or wrong bootstrap fails in seconds with the broker's
    // own reason instead of every message timing out one by one.
    private static void CheckReachable(IProducer<byte[], byte[]> producer, KafkaStreamOptions options, Func<string?> brokerError)
    {
        using IAdminClient admin = new DependentAdminClientBuilder(producer.Handle).Build();
        try
        {
            admin.GetMetadata(TimeSpan.FromMilliseconds(options.ConnectTimeoutMs));
        }
        catch (KafkaException e)
        {
            throw new KafkaUnreachableException($"{options.Bootstrap}: no Kafka broker answered within {options.ConnectTimeoutMs / 1000.0:0.#} s ({brokerError() ?? e.Error.Reason})");
        }
    }

    /// <summary>Reads the stream position saved by a previous run.</summary>
    public static long LoadOffset(string offsetFile)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(offsetFile));
        return document.RootElement.GetProperty("position").GetInt64();
    }

    private static void SaveOffset(string offsetFile, long position, bool complete)
    {
        string temporary = offsetFile + ".tmp";
        File.WriteAllText(temporary, $"{{\"position\": {position}, \"all_delivered\": {(complete ? "true" : "false")}}}\n");
        File.Move(temporary, offsetFile, overwrite: true);
    }

    private static void Pace(KafkaStreamOptions options, Stopwatch clock, long sent, long ticks, ref long? firstTicks)
    {
        double due;
        if (options.Rate is { } rate)
        {
            due = sent / rate;
        }
        else if (options.ReplaySpeed is { } speed)
        {
            firstTicks ??= ticks;
            due = (ticks - firstTicks.Value) / (double)TimeSpan.TicksPerSecond / speed;
        }
        else
        {
            return;
        }

        // Sleep in short steps so Ctrl-C is honoured during long replay gaps.
        for (double ahead = due - clock.Elapsed.TotalSeconds; ahead > 0.002 && !options.Cancellation.IsCancellationRequested; ahead = due - clock.Elapsed.TotalSeconds)
        {
            Thread.Sleep(TimeSpan.FromSeconds(Math.Min(ahead, 0.25)));
        }
    }
}
