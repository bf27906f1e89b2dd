using RecForge.Output;

namespace RecForge.Quality;

/// <summary>A table to validate: its columns and a way to stream it batch by batch.</summary>
/// <param name="Name">Table name.</param>
/// <param name="Schema">Columns as read.</param>
/// <param name="Read">Streams the rows; each call starts from the first row. May throw <see cref="InvalidDataException"/> or <see cref="IOException"/> on a damaged file.</param>
public sealed record TableView(string Name, TableSchema Schema, Func<IEnumerable<ColumnBatch>> Read);

/// <summary>
/// What the validator reads: the events table and, when present, the items and users tables, with the columns that
/// play each part. A RecForge dataset fills it from its manifest and scenario; other data from a mapping file.
/// </summary>
/// <param name="Events">The interactions.</param>
/// <param name="Columns">Which columns are ids, time, rating, etc.</param>
/// <param name="Items">The catalogue, if any.</param>
/// <param name="Users">The users, if any.</param>
public sealed record DatasetView(TableView Events, DatasetColumns Columns, TableView? Items = null, TableView? Users = null);

/// <summary>Column roles. Null: the dataset has no such column.</summary>
/// <param name="EventUser">User id in events.</param>
/// <param name="EventItem">Item id in events.</param>
/// <param name="Timestamp">Event time (a timestamp, or epoch seconds).</param>
/// <param name="Rating">Explicit rating in events.</param>
/// <param name="WatchTime">Watched fraction in events.</param>
/// <param name="EventType">Event type (view, like...).</param>
/// <param name="ItemKey">Key of the items table.</param>
/// <param name="UserKey">Key of the users table.</param>
/// <param name="ItemCategory">An item column whose values group items (genre): shares, coverage, diversity, colours.</param>
/// <param name="UserUtcOffsetMinutes">A user column with the local-time offset, so hours are local.</param>
/// <param name="ItemEmbedding">An item vector column.</param>
/// <param name="Played">Milliseconds played in events (music).</param>
/// <param name="Duration">The item's duration in milliseconds, in events.</param>
/// <param name="Session">A session number in events (per user).</param>
/// <param name="Creator">The item's creator (artist) in events.</param>
public sealed record DatasetColumns(
    string EventUser,
    string EventItem,
    string? Timestamp,
    string? Rating = null,
    string? WatchTime = null,
    string? EventType = null,
    string? ItemKey = null,
    string? UserKey = null,
    string? ItemCategory = null,
    string? UserUtcOffsetMinutes = null,
    string? ItemEmbedding = null,
    string? Played = null,
    string? Duration = null,
    string? Session = null,
    string? Creator = null);
