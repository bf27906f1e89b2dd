using RecForge.Generation.Events;
using RecForge.Ids;
using RecForge.Output;
using RecForge.Quality;
using RecForge.Scenarios;

namespace RecForge.Generation;

/// <summary>
/// Receives a user range's events (each user's rows together, as <see cref="InteractionSampler"/> writes them) and
/// writes one row per (user, item): play count, total and skip ratio of the play column when there is one, first and
/// last time. Edges of a user appear in the order of their first event.
/// </summary>
internal sealed class EdgeListWriter : ITableWriter
{
    private readonly ITableWriter _out;
    private readonly ColumnBatch _batch;
    private readonly int _eventPlay, _eventTime;
    private readonly long _skipMs;
    private readonly Dictionary<UInt128, int> _index = [];
    private readonly List<Edge> _edges = [];
    private UInt128 _user;
    private IdValue _userId;
    private bool _any;

    public EdgeListWriter(ScenarioDefinition scenario, TableSchema events, ITableWriter output)
    {
        _out = output;
        Schema = BuildSchema(scenario);
        _batch = new ColumnBatch(Schema, PartitionWriter.BatchRows);
        _eventPlay = scenario.Events.Play is { } play ? events.IndexOf(play.Column) : -1;
        _eventTime = events.IndexOf(scenario.Events.Columns.Timestamp);
        _skipMs = (long)((scenario.Events.Play?.SkipSeconds ?? 0) * 1000);
    }

    public TableSchema Schema { get; }

    /// <summary>user, item, play_count, [total_ms_played, skip_ratio,] first_played, last_played.</summary>
    public static TableSchema BuildSchema(ScenarioDefinition scenario)
    {
        // The user and item columns are the events' own.
        List<ColumnSpec> columns = [.. InteractionSampler.BuildSchema(scenario).Columns.Take(2), new("play_count", ColumnKind.Int64)];
        if (scenario.Events.Play is { } play)
        {
            columns.Add(new("total_" + play.Column, ColumnKind.Int64));
            columns.Add(new("skip_ratio", ColumnKind.Double));
        }

        columns.Add(new("first_played", ColumnKind.Timestamp));
        columns.Add(new("last_played", ColumnKind.Timestamp));
        return new TableSchema(scenario.Derived!.OfType<EdgeListDefinition>().First().Table, columns);
    }

    public void Write(ColumnBatch events)
    {
        Array users = events.Columns[0], items = events.Columns[1];
        var times = (DateTime[])events.Columns[_eventTime];
        long[]? played = _eventPlay >= 0 ? (long[])events.Columns[_eventPlay] : null;
        for (int r = 0; r < events.Count; r++)
        {
            UInt128 user = KeyIndex.KeyOf(users, r);
            if (!_any || user != _user)
            {
                FlushUser();
                _user = user;
                _userId = IdOf(users, r);
                _any = true;
            }

            UInt128 item = KeyIndex.KeyOf(items, r);
            if (!_index.TryGetValue(item, out int e))
            {
                e = _edges.Count;
                _index[item] = e;
                _edges.Add(new Edge { Item = IdOf(items, r), First = times[r] });
            }

            Edge edge = _edges[e];
            edge.Count++;
            edge.Last = times[r] > edge.Last ? times[r] : edge.Last;
            edge.First = times[r] < edge.First ? times[r] : edge.First;
            if (played is not null)
            {
                edge.Total += played[r];
                edge.Skips += played[r] < _skipMs ? 1 : 0;
            }

            _edges[e] = edge;
        }
    }

    public IReadOnlyList<WrittenFile> Complete()
    {
        FlushUser();
        if (_batch.Count > 0)
        {
            _out.Write(_batch);
            _batch.Count = 0;
        }

        return _out.Complete();
    }

    public void Dispose() => _out.Dispose();

    private void FlushUser()
    {
        foreach (Edge edge in _edges)
        {
            int row = _batch.Count;
            _userId.WriteTo(_batch.Columns[0], row);
            edge.Item.WriteTo(_batch.Columns[1], row);
            ((long[])_batch.Columns[2])[row] = edge.Count;
            int c = 3;
            if (_eventPlay >= 0)
            {
                ((long[])_batch.Columns[c++])[row] = edge.Total;
                ((double[])_batch.Columns[c++])[row] = (double)edge.Skips / edge.Count;
            }

            ((DateTime[])_batch.Columns[c++])[row] = edge.First;
            ((DateTime[])_batch.Columns[c])[row] = edge.Last;
            if (++_batch.Count == _batch.Capacity)
            {
                _out.Write(_batch);
                _batch.Count = 0;
            }
        }

        _edges.Clear();
        _index.Clear();
    }

    private static IdValue IdOf(Array column, int row) => column switch
    {
        long[] l => new IdValue(l[row], Guid.Empty, null),
        Guid[] g => new IdValue(0, g[row], null),
        string[] s => new IdValue(0, Guid.Empty, s[row]),
        _ => throw new NotSupportedException(column.GetType().Name),
    };

    private struct Edge
    {
        public IdValue Item;
        public long Count;
        public long Total;
        public long Skips;
        public DateTime First;
        public DateTime Last;
    }
}
