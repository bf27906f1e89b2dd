using RecForge.Scenarios;

namespace RecForge.Core.Tests.Scenarios;

public class MusicScenarioLoaderTests
{
    private static readonly string Music = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "scenarios", "music.yaml"));

    private static string Error(string yaml)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadText(yaml, "m.yaml"));
        Assert.DoesNotContain('\n', e.Message);
        return e.Message;
    }

    private static string Replace(string old, string replacement)
    {
        Assert.Contains(old, Music, StringComparison.Ordinal);
        return Music.Replace(old, replacement, StringComparison.Ordinal);
    }

    [Fact]
    public void Music_has_artists_as_creators_songs_that_inherit_genres_latent_listeners_and_five_derived_tables()
    {
        ScenarioDefinition music = ScenarioLoader.LoadText(Music, "music.yaml");
        Assert.Equal("artists", music.Creators!.Table);
        Assert.IsType<InheritedAttribute>(music.Items.Find("genres"));
        Assert.Equal(WorldValueKind.Creator, Assert.IsType<WorldAttribute>(music.Items.Find("artist_id")).Kind);
        SetAttribute preferences = Assert.IsType<SetAttribute>(music.Users.Find("genres"));
        Assert.NotNull(preferences.MinFrom);
        Assert.Empty(music.World.Clusters);
        Assert.Equal(["genres", "artist_genres", "song_genres", "user_genre_preferences", "edge_list"], music.Derived!.Select(d => d.Table));
        Assert.Equal(["artist_id", "track_duration_ms"], music.Events.ItemColumns.Select(c => c.Column));
        Assert.Equal(["user_id", "track_id", "artist_id", "track_duration_ms", "session_id", "ms_played", "timestamp"],
            RecForge.Generation.Events.InteractionSampler.BuildSchema(music).Columns.Select(c => c.Name));
    }

    [Fact]
    public void Bad_links_between_tables_name_the_field_and_what_was_expected()
    {
        Assert.Contains("unknown attribute 'bogus_id'", Error(Replace("inherit: artist_id.genres", "inherit: bogus_id.genres")), StringComparison.Ordinal);
        Assert.Contains("'duration_ms' is not a `world: creator` attribute", Error(Replace("inherit: artist_id.genres", "inherit: duration_ms.genres")), StringComparison.Ordinal);
        Assert.Contains("the creators have no attribute 'moods'", Error(Replace("inherit: artist_id.genres", "inherit: artist_id.moods")), StringComparison.Ordinal);
        Assert.Contains("'genre' is not a categories table declared above", Error(Replace("links: artists.genres, ids: genres", "links: artists.genres, ids: genre")), StringComparison.Ordinal);
        Assert.Contains("expected <entity table>.<attribute>", Error(Replace("links: songs.genres", "links: tracks.genres")), StringComparison.Ordinal);
        Assert.Contains("expected the events table 'sessions'", Error(Replace("edges: sessions", "edges: plays")), StringComparison.Ordinal);
        Assert.Contains("expected a number or <categorical attribute>.<number property>", Error(Replace("min: user_type.min_genres", "min: user_type.fewest")), StringComparison.Ordinal);
        Assert.Contains("'title' must be a numeric item attribute", Error(Replace("duration: duration_ms", "duration: title")), StringComparison.Ordinal);
        Assert.Contains("skip + complete probabilities must not exceed 1", Error(Replace("complete: { min: 0.15, max: 0.75 }", "complete: { min: 0.5, max: 0.75 }")), StringComparison.Ordinal);
        Assert.Contains("two tables are named 'songs'", Error(Replace("  genres: { categories:", "  songs: { categories:").Replace("ids: genres", "ids: songs", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("`world: creator` belongs to items", Error(Replace("    popularity: { world: popularity }\n    country:\n      categorical: { US: 0.35", "    popularity: { world: creator }\n    country:\n      categorical: { US: 0.35")), StringComparison.Ordinal);
    }
}
