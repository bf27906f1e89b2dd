using RecForge.Ids;
using RecForge.Output;
using RecForge.Scenarios;
using RecForge.World;

namespace RecForge.Generation.Events;

/// <summary>
/// Writes interaction rows: the table's columns, chosen once per scenario, and each row's values — ids, the item
/// columns events copy (looked up once per item, a creator's id formatted once per creator), type, rating, watch
/// time, source, session, played time and timestamp. One instance per thread.
/// </summary>
internal sealed class EventRowEmitter
{
    private static readonly string[] SourceNames = ["preference", "popularity", "exploration"];

    // Catalogues up to this size format each text item id once per thread (a reference an item: 8 MB at the limit).
    private const long MaxFormattedItems = 1_000_000;

    private readonly WorldModel _world;
    private readonly string[] _typeNames;
    private readonly int _userColumn, _itemColumn, _typeColumn, _ratingColumn, _watchColumn, _sourceColumn, _sessionColumn, _playColumn, _timeColumn;
    private readonly int[] _copiedColumns;
    private readonly (double[]? Numbers, string[]? Texts, IdValue[]? Creators)[] _copied;
    private readonly string?[]? _itemTexts;
    private long _idOfUser = -1;
    private IdValue _userId;

    public EventRowEmitter(WorldModel world, ItemCatalog catalog)
    {
        _world = world;
        EventDefinition events = world.Scenario.Events;
        _typeNames = [.. events.Funnel.Select(f => f.Name)];
        Schema = BuildSchema(world.Scenario);

        // Text ids (a pattern such as "TR{000000}") cost a number format per row: each item's is formatted once per
        // thread, for catalogues up to a million items (a reference each, plus the strings of the items drawn).
        _itemTexts = world.Scenario.Items.IdFormat.Kind == IdKind.Pattern && catalog.Count <= MaxFormattedItems ? new string?[catalog.Count] : null;
        EventColumns c = events.Columns;
        _userColumn = 0;
        _itemColumn = 1;
        _typeColumn = c.Type is null ? -1 : Schema.IndexOf(c.Type);
        _ratingColumn = c.Rating is null ? -1 : Schema.IndexOf(c.Rating);
        _watchColumn = events.WatchTime is null ? -1 : Schema.IndexOf(c.WatchTime);
        _sourceColumn = c.Source is null ? -1 : Schema.IndexOf(c.Source);
        _sessionColumn = c.Session is null ? -1 : Schema.IndexOf(c.Session);
        _playColumn = events.Play is { } play ? Schema.IndexOf(play.Column) : -1;
        _timeColumn = Schema.Columns.Count - 1;
        _copiedColumns = [.. events.ItemColumns.Select(x => Schema.IndexOf(x.Column))];
        _copied = [.. events.ItemColumns.Select(x => x.Attribute switch
        {
            WorldAttribute { Kind: WorldValueKind.Creator, Creator: { } link } => (catalog.Numbers(x.Attribute), (string[]?)null,
                (IdValue[]?)[.. Enumerable.Range(0, (int)world.Scenario.Creators!.Count).Select(i => IdValue.Of(link.IdFormat, world.Seed, WorldModel.CreatorsKind, i))]),
            CategoryAttribute => (null, catalog.Texts(x.Attribute), null),
            _ => ((double[]?)catalog.Numbers(x.Attribute), (string[]?)null, (IdValue[]?)null),
        })];
    }

    /// <summary>The interactions table's columns.</summary>
    public TableSchema Schema { get; }

    /// <summary>The interactions table's columns: user, item, the copied item columns, then type, rating, watch time, source, session and played time where the scenario has them, then timestamp.</summary>
    public static TableSchema BuildSchema(ScenarioDefinition scenario)
    {
        EventColumns c = scenario.Events.Columns;
        var columns = new List<ColumnSpec>
        {
            new(c.User, EntityLayout.IdKind(scenario.Users.IdFormat)),
            new(c.Item, EntityLayout.IdKind(scenario.Items.IdFormat)),
        };
        foreach (var (column, attribute) in scenario.Events.ItemColumns)
        {
            columns.Add(EntityLayout.Column(attribute) with { Name = column });
        }

        if (c.Type is not null)
        {
            columns.Add(new(c.Type, ColumnKind.String));
        }

        if (c.Rating is not null)
        {
            columns.Add(new(c.Rating, ColumnKind.Double));
        }

        if (scenario.Events.WatchTime is not null)
        {
            columns.Add(new(c.WatchTime, ColumnKind.Double));
        }

        if (c.Source is not null)
        {
            columns.Add(new(c.Source, ColumnKind.String));
        }

        if (c.Session is not null)
        {
            columns.Add(new(c.Session, ColumnKind.Int64));
        }

        if (scenario.Events.Play is { } play)
        {
            columns.Add(new(play.Column, ColumnKind.Int64));
        }

        columns.Add(new(c.Timestamp, ColumnKind.Timestamp));
        return new TableSchema(scenario.Events.Table, columns);
    }

    /// <summary>Writes one row into <paramref name="batch"/>, handing the batch to <paramref name="writer"/> when it is full.</summary>
    public void Emit(long user, long item, int type, in Outcome outcome, long session, DateTime utc, ColumnBatch batch, ITableWriter writer)
    {
        int row = batch.Count;
        if (user != _idOfUser)
        {
            // A user's id is computed once for all their rows (a UUID costs two hash rounds, a pattern a string).
            _userId = IdValue.Of(_world.Scenario.Users.IdFormat, _world.Seed, WorldModel.UsersKind, user);
            _idOfUser = user;
        }

        _userId.WriteTo(batch.Columns[_userColumn], row);
        ItemId(item).WriteTo(batch.Columns[_itemColumn], row);
        for (int k = 0; k < _copiedColumns.Length; k++)
        {
            Array column = batch.Columns[_copiedColumns[k]];
            var (numbers, texts, creators) = _copied[k];
            if (creators is not null)
            {
                creators[(int)numbers![item]].WriteTo(column, row);
            }
            else if (texts is not null)
            {
                ((string[])column)[row] = texts[item];
            }
            else if (column is long[] longs)
            {
                longs[row] = (long)numbers![item];
            }
            else
            {
                ((double[])column)[row] = numbers![item];
            }
        }

        if (_sessionColumn >= 0)
        {
            ((long[])batch.Columns[_sessionColumn])[row] = session;
        }

        if (_playColumn >= 0)
        {
            ((long[])batch.Columns[_playColumn])[row] = outcome.Played;
        }

        if (_typeColumn >= 0)
        {
            ((string[])batch.Columns[_typeColumn])[row] = _typeNames[type];
        }

        if (_ratingColumn >= 0)
        {
            ((double[])batch.Columns[_ratingColumn])[row] = outcome.Rating;
        }

        if (_watchColumn >= 0)
        {
            ((double[])batch.Columns[_watchColumn])[row] = outcome.Watch;
        }

        if (_sourceColumn >= 0)
        {
            ((string[])batch.Columns[_sourceColumn])[row] = SourceNames[(int)outcome.Source];
        }

        ((DateTime[])batch.Columns[_timeColumn])[row] = utc;
        batch.Count = row + 1;
        if (batch.Count == batch.Capacity)
        {
            writer.Write(batch);
            batch.Count = 0;
        }
    }

    private IdValue ItemId(long item)
    {
        if (_itemTexts is null)
        {
            return IdValue.Of(_world.Scenario.Items.IdFormat, _world.Seed, WorldModel.ItemsKind, item);
        }

        return new IdValue(0, Guid.Empty, _itemTexts[item] ??= _world.Scenario.Items.IdFormat.Format(item));
    }
}
