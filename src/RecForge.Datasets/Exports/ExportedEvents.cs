using System.Globalization;
using RecForge.Output;
using RecForge.Quality;
using RecForge.Reading;

namespace RecForge.Datasets.Exports;

/// <summary>
/// A dataset's events as an export needs them: user and item ids as text, the rating (1 for implicit data), epoch
/// seconds, and each row's part of the split (0 train, 1 validation, 2 test), in the dataset's row order.
/// </summary>
internal sealed class ExportedEvents
{
    public List<string> Users { get; } = [];

    public List<string> Items { get; } = [];

    public List<double> Ratings { get; } = [];

    public List<long> Times { get; } = [];

    public byte[] Parts { get; private set; } = [];

    public int Count => Users.Count;

    /// <summary>Reads the events table of <paramref name="dataset"/> and splits it by <paramref name="options"/>.</summary>
    public static ExportedEvents Read(RecForgeDataset dataset, ExportOptions options, CancellationToken cancellation)
    {
        DatasetColumns columns = ScenarioColumns.For(dataset.Scenario);
        var events = new ExportedEvents();
        DatasetTable table = dataset.Table(dataset.Scenario.Events.Table);
        foreach (ColumnBatch batch in table.Read(cancellation: cancellation))
        {
            TableSchema s = batch.Schema;
            Array users = batch.Columns[s.IndexOf(columns.EventUser)], items = batch.Columns[s.IndexOf(columns.EventItem)];
            double[]? ratings = columns.Rating is { } r ? (double[])batch.Columns[s.IndexOf(r)] : null;
            DateTime[]? times = columns.Timestamp is { } t ? (DateTime[])batch.Columns[s.IndexOf(t)] : null;
            options.Progress?.Report(new Generation.GenerationProgress(events.Count + batch.Count, Math.Max(table.Rows, events.Count + batch.Count)));
            for (int row = 0; row < batch.Count; row++)
            {
                events.Users.Add(Text(users, row));
                events.Items.Add(Text(items, row));
                events.Ratings.Add(ratings?[row] ?? 1);
                events.Times.Add(times is null ? 0 : (long)(times[row] - DateTime.UnixEpoch).TotalSeconds);
            }
        }

        events.Parts = EventSplit.Assign(events.Users, events.Times, options);
        return events;
    }

    private static string Text(Array column, int row) => column switch
    {
        long[] l => l[row].ToString(CultureInfo.InvariantCulture),
        Guid[] g => g[row].ToString("D"),
        string[] s => s[row],
        _ => throw new InvalidDataException($"an id column of {column.GetType().Name} cannot be exported"),
    };
}
