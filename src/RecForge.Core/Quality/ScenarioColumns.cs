using RecForge.Scenarios;

namespace RecForge.Quality;

/// <summary>The parts the columns of a scenario's tables play, for the validator and the statistics block.</summary>
public static class ScenarioColumns
{
    /// <summary>Event, item and user columns of <paramref name="scenario"/>: ids, time, rating, watch time, type, the main item category, the users' UTC offset and the item embedding.</summary>
    public static DatasetColumns For(ScenarioDefinition scenario)
    {
        EventColumns c = scenario.Events.Columns;
        CategoryAttribute? category = scenario.Items.Attributes.OfType<CategoryAttribute>().Where(a => a.Output).OrderByDescending(a => a.IsTaxonomy).FirstOrDefault();
        string? embedding = scenario.Items.Attributes.OfType<WorldAttribute>().FirstOrDefault(w => w.Output && w.Kind == WorldValueKind.Embedding)?.Name;
        EventDefinition e = scenario.Events;
        string? duration = e.Play is { } play ? e.ItemColumns.FirstOrDefault(x => x.Attribute == play.Duration).Column : null;
        string? creator = e.ItemColumns.FirstOrDefault(x => x.Attribute is WorldAttribute { Kind: WorldValueKind.Creator }).Column;
        return new DatasetColumns(c.User, c.Item, c.Timestamp, c.Rating, e.WatchTime is null ? null : c.WatchTime, c.Type,
            scenario.Items.IdColumn, scenario.Users.IdColumn, category?.Name, e.UtcOffsetMinutes is { Output: true } o ? o.Name : null, embedding,
            e.Play?.Column, duration, c.Session, creator);
    }
}
