using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RecForge.Output;
using RecForge.Reading;

namespace RecForge.Connectors.Kafka;

/// <summary>
/// Interactions of a dataset as messages in global timestamp order, with memory bounded by one input file.
/// </summary>
/// <remarks>
/// An external merge sort: the table is read in runs of at most 2^20 rows (whatever its format), each turned into
/// messages, sorted by (timestamp, row) and spilled to a temporary run file; the runs are then merged with a priority
/// queue. Ties keep the table's row order, so each user's events keep their order and the stream is identical on every run.
/// </remarks>
public sealed class TimeOrderedEventSource : IDisposable
{
    // Rows per sorted run: what one run holds in memory at once.
    private const int RunRows = 1 << 20;

    private readonly List<string> _runs = [];
    private readonly string _directory;

    /// <summary>Sorts the rows of <paramref name="events"/> into runs of at most 2^20 rows under a new temporary folder.</summary>
    /// <exception cref="InvalidDataException">A file of the table is missing or damaged.</exception>
    public TimeOrderedEventSource(DatasetTable events, CancellationToken cancellation = default)
    {
        _directory = Path.Combine(Path.GetTempPath(), "recforge-stream-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        try
        {
            foreach (ColumnBatch batch in events.Read(RunRows, cancellation))
            {
                _runs.Add(SortRun(batch, Path.Combine(_directory, $"run-{_runs.Count:D5}.bin")));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Total messages.</summary>
    public long Count { get; private set; }

    /// <summary>The messages in timestamp order.</summary>
    public IEnumerable<EventMessage> Read()
    {
        var readers = _runs.Select(r => new BinaryReader(new FileStream(r, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))).ToList();
        try
        {
            var heads = new EventMessage?[readers.Count];
            var queue = new PriorityQueue<int, (long, int)>();
            for (int i = 0; i < readers.Count; i++)
            {
                if ((heads[i] = Next(readers[i])) is { } m)
                {
                    queue.Enqueue(i, (m.TimestampTicks, i));
                }
            }

            while (queue.TryDequeue(out int run, out _))
            {
                EventMessage message = heads[run]!.Value;
                if ((heads[run] = Next(readers[run])) is { } next)
                {
                    queue.Enqueue(run, (next.TimestampTicks, run));
                }

                yield return message;
            }
        }
        finally
        {
            foreach (BinaryReader r in readers)
            {
                r.Dispose();
            }
        }
    }

    /// <summary>Deletes the run files.</summary>
    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string SortRun(ColumnBatch batch, string runPath)
    {
        int time = batch.Schema.Columns.Select((c, i) => (c, i)).First(x => x.c.Kind == ColumnKind.Timestamp).i;
        DateTime[] timestamps = batch.Column<DateTime>(time);
        var order = new int[batch.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => timestamps[a] != timestamps[b] ? timestamps[a].CompareTo(timestamps[b]) : a.CompareTo(b));
        var buffer = new ArrayBufferWriter<byte>(256);
        var names = batch.Schema.Columns.Select(c => JsonEncodedText.Encode(c.Name)).ToArray();
        using var output = new BinaryWriter(new FileStream(runPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16));
        foreach (int row in order)
        {
            buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(buffer, TextValues.JsonOptions))
            {
                TextValues.WriteRow(json, names, batch, row);
            }

            byte[] key = Encoding.UTF8.GetBytes(Key(batch, row));
            output.Write(timestamps[row].Ticks);
            output.Write(key.Length);
            output.Write(key);
            output.Write(buffer.WrittenCount);
            output.Write(buffer.WrittenSpan);
        }

        Count += batch.Count;
        return runPath;
    }

    // The key is the first column, the user: a user's events land in one partition, in order.
    private static string Key(ColumnBatch batch, int row) => batch.Columns[0] switch
    {
        Guid[] g => g[row].ToString("D"),
        long[] l => l[row].ToString(CultureInfo.InvariantCulture),
        string[] s => s[row],
        _ => throw new NotSupportedException("the first column (the key) must be an id"),
    };

    private static EventMessage? Next(BinaryReader reader)
    {
        if (reader.BaseStream.Position >= reader.BaseStream.Length)
        {
            return null;
        }

        long ticks = reader.ReadInt64();
        byte[] key = reader.ReadBytes(reader.ReadInt32());
        byte[] value = reader.ReadBytes(reader.ReadInt32());
        return new EventMessage(ticks, key, value);
    }
}
