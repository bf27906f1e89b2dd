using System.CommandLine;
using System.Globalization;
using RecForge.Connectors.Kafka;
using RecForge.Datasets;
using RecForge.Generation;
using RecForge.Output.Parquet;
using RecForge.Reading;
using RecForge.Scenarios;

namespace RecForge.Cli.Commands;

/// <summary><c>recforge stream kafka &lt;dataset dir or scenario&gt; --bootstrap H:P --topic T</c>.</summary>
internal static class StreamCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, CancellationToken interrupted)
    {
        var source = new Argument<string>("source") { Description = "A dataset directory written by `generate`, or a scenario (built-in name or .yaml) to generate straight into Kafka." };
        var bootstrap = new Option<string>("--bootstrap") { Description = "Kafka bootstrap servers, host:port[,host:port].", Required = true };
        var topic = new Option<string>("--topic") { Description = "Topic to write to.", DefaultValueFactory = _ => "interactions" };
        var rate = new Option<double?>("--rate") { Description = "Events per second (default: as fast as possible)." };
        var replay = new Option<double?>("--replay-speed") { Description = "Replay event time compressed by this factor (e.g. 3600: an hour a second)." };
        var limit = new Option<long?>("--limit") { Description = "Send at most this many messages." };
        var resume = new Option<string?>("--resume-from") { Description = "An offset file written by --offset-file, or an ISO-8601 timestamp to start from." };
        var offsetFile = new Option<string?>("--offset-file") { Description = "Write how far the stream got to this file (to resume with --resume-from)." };
        var linger = new Option<int>("--linger-ms") { Description = "Producer linger.ms.", DefaultValueFactory = _ => 5 };
        var batch = new Option<int>("--batch-bytes") { Description = "Producer batch.size in bytes.", DefaultValueFactory = _ => 1 << 20 };
        var compression = new Option<string>("--compression") { Description = "none, gzip, snappy, lz4 or zstd.", DefaultValueFactory = _ => "lz4" };
        compression.AcceptOnlyFromAmong("none", "gzip", "snappy", "lz4", "zstd");
        var timeout = new Option<int>("--message-timeout-ms") { Description = "A message not acknowledged within this time counts as failed.", DefaultValueFactory = _ => 30_000 };
        var connect = new Option<int>("--connect-timeout-ms") { Description = "Give up when no broker answers within this time.", DefaultValueFactory = _ => 10_000 };
        var kafka = new Option<string[]>("--kafka") { Description = "Extra librdkafka setting name=value (repeatable)." };
        var set = new Option<string[]>("--set") { Description = "Scenario override when the source is a scenario (repeatable)." };
        var kafkaCommand = new Command("kafka", "Send every interaction as a JSON message keyed by user, in global timestamp order.")
        {
            source, bootstrap, topic, rate, replay, limit, resume, offsetFile, linger, batch, compression, timeout, connect, kafka, set,
        };
        kafkaCommand.SetAction((parse, _) => Task.FromResult(Run(parse, stdout, stderr, interrupted, new Arguments(source, bootstrap, topic, rate, replay, limit, resume, offsetFile, linger, batch, compression, timeout, connect, kafka, set))));
        return new Command("stream", "Stream a dataset to a message system.") { kafkaCommand };
    }

    private sealed record Arguments(Argument<string> Source, Option<string> Bootstrap, Option<string> Topic, Option<double?> Rate, Option<double?> Replay,
        Option<long?> Limit, Option<string?> Resume, Option<string?> OffsetFile, Option<int> Linger, Option<int> Batch, Option<string> Compression,
        Option<int> Timeout, Option<int> Connect, Option<string[]> Kafka, Option<string[]> Set);

    private static int Run(ParseResult parse, TextWriter stdout, TextWriter stderr, CancellationToken cancellation, Arguments a)
    {
        string sourcePath = parse.GetValue(a.Source)!;
        string? temporary = null;
        try
        {
            if (parse.GetValue(a.Rate) is <= 0 || parse.GetValue(a.Replay) is <= 0)
            {
                return Fail(stderr, "--rate and --replay-speed must be positive");
            }

            if (parse.GetValue(a.Timeout) <= 0 || parse.GetValue(a.Connect) <= 0 || parse.GetValue(a.Limit) is < 0)
            {
                return Fail(stderr, "--message-timeout-ms and --connect-timeout-ms must be positive, --limit not negative");
            }

            var settings = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string entry in parse.GetValue(a.Kafka) ?? [])
            {
                int eq = entry.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    return Fail(stderr, $"--kafka {entry}: expected name=value");
                }

                settings[entry[..eq]] = entry[(eq + 1)..];
            }

            long skip = 0;
            DateTime? from = null;
            if (parse.GetValue(a.Resume) is { } resume)
            {
                if (File.Exists(resume))
                {
                    skip = KafkaStreamer.LoadOffset(resume);
                }
                else if (DateTime.TryParse(resume, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime t))
                {
                    from = t;
                }
                else
                {
                    return Fail(stderr, $"--resume-from {resume}: neither an offset file nor an ISO-8601 timestamp");
                }
            }

            string directory = sourcePath;
            if (!Directory.Exists(sourcePath))
            {
                // A scenario: generate its interactions into a temporary folder first (the stream needs them time-sorted).
                ScenarioDefinition scenario = BuiltInScenarios.Load(sourcePath, parse.GetValue(a.Set) ?? []);
                temporary = directory = Path.Combine(Path.GetTempPath(), "recforge-stream-source-" + Guid.NewGuid().ToString("N"));
                DatasetGenerator.Run(scenario, new GenerateOptions(directory, new ParquetTableFormat(), Environment.ProcessorCount)
                {
                    Tables = new HashSet<string> { scenario.Events.Table },
                    Cancellation = cancellation,
                });
            }

            var dataset = RecForgeDataset.Open(directory);
            DatasetTable events = dataset.Open(dataset.EventsTable);
            using var ordered = new TimeOrderedEventSource(events, cancellation);
            var display = new GenerationProgressDisplay(stdout);
            var options = new KafkaStreamOptions(parse.GetValue(a.Bootstrap)!, parse.GetValue(a.Topic)!)
            {
                Rate = parse.GetValue(a.Rate),
                ReplaySpeed = parse.GetValue(a.Replay),
                Limit = parse.GetValue(a.Limit),
                Skip = skip,
                From = from,
                OffsetFile = parse.GetValue(a.OffsetFile),
                LingerMs = parse.GetValue(a.Linger),
                BatchBytes = parse.GetValue(a.Batch),
                Compression = parse.GetValue(a.Compression)!,
                MessageTimeoutMs = parse.GetValue(a.Timeout),
                ConnectTimeoutMs = parse.GetValue(a.Connect),
                Settings = settings,
                Progress = display,
                Cancellation = cancellation,
            };
            var clock = System.Diagnostics.Stopwatch.StartNew();
            KafkaStreamResult result = display.Run($"{events.Name} -> {options.Topic}", () => KafkaStreamer.Stream(ordered, options));
            double seconds = Math.Max(1e-6, clock.Elapsed.TotalSeconds);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{events.Name} -> {options.Topic}: sent {result.Sent:N0}, delivered {result.Delivered:N0}, failed {result.Failed:N0}, {result.Bytes / 1048576.0:N1} MB in {seconds:N1} s ({result.Delivered / seconds:N0} msg/s); position {result.Position:N0}{(result.Cancelled ? " (stopped early)" : "")}"));
            if (result.Failed > 0)
            {
                stderr.WriteLine($"error: {result.Failed:N0} of {result.Sent:N0} messages were not delivered: {result.FirstError}");
                return ExitCodes.Failure;
            }

            return result.Cancelled ? ExitCodes.Failure : ExitCodes.Ok;
        }
        catch (Exception e) when (e is ScenarioException or OutputException or InvalidDataException)
        {
            return Fail(stderr, e.Message);
        }
        catch (KafkaUnreachableException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (Confluent.Kafka.KafkaException e)
        {
            stderr.WriteLine($"error: kafka: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (ArgumentException e)
        {
            return Fail(stderr, $"kafka: {e.Message}");
        }
        catch (ParquetSharp.ParquetException e)
        {
            return Fail(stderr, $"{sourcePath}: damaged Parquet file ({e.Message.Split('\n')[0].Trim()})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return Fail(stderr, $"{parse.GetValue(a.Resume) ?? sourcePath}: {e.Message}");
        }
        finally
        {
            if (temporary is not null && Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message}");
        return ExitCodes.BadInput;
    }
}
