using System.Globalization;
using System.Text;

namespace RecForge.Fit;

/// <summary>The real catalogue a twin keeps: item ids in index order and, when a catalogue file was given, its other columns.</summary>
/// <param name="IdColumn">The item id column (the log's item column name).</param>
/// <param name="Ids">Item id per item index.</param>
/// <param name="Columns">Catalogue columns copied into the twin's items table (the key excluded).</param>
/// <param name="Values">Per item, the value of each of <paramref name="Columns"/> (empty for items missing from the catalogue).</param>
/// <param name="ListColumn">A column of separated categories written as a list (MovieLens genres), or null.</param>
/// <param name="ListSeparator">Its separator.</param>
public sealed record TwinCatalogue(string IdColumn, IReadOnlyList<string> Ids, IReadOnlyList<string> Columns, IReadOnlyList<string[]> Values, string? ListColumn, string ListSeparator = "|");

/// <summary>Where a twin came from, recorded in its scenario's <c>fit:</c> section.</summary>
/// <param name="Source">The log's file name.</param>
/// <param name="Holdout">Share of the log's users left out of the fit (the evaluation's test users).</param>
/// <param name="HoldoutSeed">Seed of that split.</param>
/// <param name="UserColumn">The log's user column.</param>
/// <param name="RatingColumn">The log's rating (or weight) column, or null.</param>
/// <param name="TimestampColumn">The log's time column.</param>
/// <param name="EventTable">Name of the twin's events table.</param>
/// <param name="Timed">Whether the log has times; without them the twin's events get a year of the engine's default time profile.</param>
public sealed record TwinOrigin(string Source, double Holdout, ulong HoldoutSeed, string UserColumn, string? RatingColumn, string TimestampColumn, string EventTable, bool Timed = true);

/// <summary>
/// Writes a <see cref="TwinModel"/> as an ordinary scenario: the YAML (world, taste clusters, users, events with the
/// learned time profile, sessions, activity and rating model) and the catalogue file beside it (the real item ids and
/// columns, each item's choice weight, rating bias and taste position). <c>recforge generate twin.yaml --users N</c>
/// then makes a twin of any size over the real catalogue.
/// </summary>
public static class TwinScenarioWriter
{
    // The first day of a twin of a log without times.
    private const string UntimedStart = "2025-01-01";

    /// <summary>The catalogue file's column of choice weights.</summary>
    public const string WeightColumn = "fit_weight";

    /// <summary>The catalogue file's column of taste positions.</summary>
    public const string PositionColumn = "fit_position";

    /// <summary>The catalogue file's column of planted users per learned user of the log.</summary>
    public const string PlantedColumn = "fit_planted";

    /// <summary>The catalogue file's column of rating biases.</summary>
    public const string BiasColumn = "fit_rating_bias";

    /// <summary>Returns the scenario YAML (naming <paramref name="catalogueFile"/>, relative to it) and the catalogue CSV.</summary>
    public static (string Yaml, string Catalogue) Write(TwinModel m, TwinCatalogue catalogue, TwinOrigin origin, string name, string catalogueFile, PrivacyBudget? privacy)
    {
        var c = CultureInfo.InvariantCulture;
        LogProfile p = m.Profile;
        var y = new StringBuilder();
        y.Append(c, $"# Fitted by `recforge fit` from {origin.Source}: {p.Users:N0} users, {m.ChosenItems:N0} items with events, {p.Events:N0} events.\n");
        y.Append("# The real catalogue (ids and columns) is in the file named by items.file, with each item's learned choice weight,\n");
        y.Append("# rating bias and taste position; regenerate at any size with --users/--interactions.\n");
        y.Append(c, $"name: {Quote(name)}\nseed: 42\n\nfit:\n  source: {Quote(origin.Source)}\n  users: {p.Users}\n");
        y.Append(c, $"  holdout: {{ fraction: {N(origin.Holdout)}, seed: {origin.HoldoutSeed} }}\n");
        if (privacy is not null)
        {
            y.Append(c, $"  privacy:\n    epsilon: {N(privacy.Epsilon)}\n    delta: {privacy.Delta.ToString("R", c)}\n    rho: {privacy.Rho.ToString("G6", c)}\n");
            y.Append(c, $"    seeded_noise: {(privacy.Seeded ? "true" : "false")}\n    budget:   # share of rho, L2 sensitivity and noise sigma of each release\n");
            foreach (var (statistic, share, sensitivity, sigma) in privacy.Spent)
            {
                y.Append(c, $"      - {{ statistic: {Quote(statistic)}, share: {share.ToString("0.#####", c)}, sensitivity: {sensitivity.ToString("0.###", c)}, sigma: {sigma.ToString("G4", c)} }}\n");
            }
        }

        y.Append(c, $"\nworld:\n  latent_dimensions: {m.Dimensions}\n  user_noise: 0\n  affinity: {{ sharpness: {N(m.Options.Sharpness)}, midpoint: {N(m.Options.Midpoint)} }}\n");
        y.Append(c, $"  popularity: {{ column: {WeightColumn} }}\n  item_positions: {{ column: {PositionColumn} }}\n  clusters_per_user: {{ min: 1, max: {m.Interests}, mix: picks }}\n  taste_clusters:\n");
        for (int k = 0; k < m.Clusters.Count; k++)
        {
            TasteComponent t = m.Clusters[k];
            y.Append(c, $"    taste_{k + 1:00}:\n      weight: {t.Weight.ToString("0.######", c)}\n      centroid: [{string.Join(", ", t.Centroid.Select(F))}]\n      spread: [{string.Join(", ", t.Spread.Select(F))}]\n");
            if (t.Axes.Count > 0)
            {
                y.Append(c, $"      axes:\n");
                foreach (float[] axis in t.Axes)
                {
                    y.Append(c, $"        - [{string.Join(", ", axis.Select(F))}]\n");
                }
            }
        }

        y.Append(c, $"\nitems:\n  table: items\n  file: {Quote(catalogueFile)}\n  id: {{ column: {Quote(catalogue.IdColumn)}, from: {Quote(catalogue.IdColumn)} }}\n  attributes:\n");
        foreach (string column in catalogue.Columns)
        {
            y.Append(column == catalogue.ListColumn
                ? $"    {Quote(column)}: {{ column: {Quote(column)}, split: {Quote(catalogue.ListSeparator)} }}\n"
                : $"    {Quote(column)}: {{ column: {Quote(column)}, type: text }}\n");
        }

        y.Append("    popularity: { world: popularity }\n");
        if (m.Rating is not null)
        {
            y.Append(c, $"    rating_bias: {{ column: {BiasColumn}, output: false }}\n");
        }

        // The twin's default size is the log's: the learned users and events scaled back up by the held-out share.
        long users = Math.Max(1, (long)Math.Round(p.Users / (1 - origin.Holdout))), events = Math.Max(users, (long)Math.Round(p.Events / (1 - origin.Holdout)));
        y.Append(c, $"\nusers:\n  table: users\n  count: {users}\n  id: {{ column: {Quote(origin.UserColumn)}, format: int64 }}\n  attributes:\n    taste_cluster: {{ world: taste_cluster }}\n");
        if (origin.Timed)
        {
            y.Append(c, $"\nevents:\n  table: {Quote(origin.EventTable)}\n  count: {events}\n  distinct_items: true\n  start: {p.Start:yyyy-MM-dd}\n  days: {p.Days}\n");
            ScenarioWriter.AppendActivityAndSessions(y, p);
        }
        else
        {
            // Nothing is known of time: a fixed year (so the twin is reproducible) with the engine's default profile and sessions.
            y.Append(c, $"\nevents:\n  table: {Quote(origin.EventTable)}\n  count: {events}\n  distinct_items: true\n  # the log has no times: its events are spread over one year with the default time profile\n  start: {UntimedStart}\n  days: 365\n");
            y.Append(c, $"  activity: {{ quantiles: [{string.Join(", ", p.ActivityQuantiles.Select(N))}] }}\n");
        }

        y.Append(c, $"  choice: {{ preference: 1, popularity: 0, exploration: 0, coherence: 0, preference_popularity_bias: 1, sampler: exact, idiosyncrasy: {N(m.Options.Idiosyncrasy)}, activity_bias_slope: {N(m.Options.ActivityBiasSlope)}{(m.Planted is null ? "" : $", planted: {{ column: {PlantedColumn}, per_users: {p.Users}, activity_exponent: {N(m.PlantingExponent)} }}")} }}\n");
        if (origin.Timed)
        {
            ScenarioWriter.AppendTimeProfile(y, p);
        }
        if (m.Rating is { } r)
        {
            y.Append("  rating:\n    histogram: { ");
            y.AppendJoin(", ", m.RatingValues.Select(v => $"{v.ToString("0.0##", c)}: {N(p.Ratings.GetValueOrDefault(v))}"));
            y.Append(c, $" }}\n    model:\n      user_bias: {{ quantiles: [{string.Join(", ", r.UserBiasQuantiles.Select(N))}] }}\n      item_bias: rating_bias\n");
            y.Append(c, $"      affinity: {N(r.AffinityWeight)}\n      noise: {{ quantiles: [{string.Join(", ", r.NoiseQuantiles.Select(N))}] }}\n");
            y.Append(c, $"      thresholds: [{string.Join(", ", r.Thresholds.Select(N))}]\n");
            y.Append(c, $"  columns: {{ user: {Quote(origin.UserColumn)}, item: {Quote(catalogue.IdColumn)}, rating: {Quote(origin.RatingColumn ?? "rating")}, timestamp: {Quote(origin.TimestampColumn)} }}\n");
        }
        else
        {
            y.Append(c, $"  columns: {{ user: {Quote(origin.UserColumn)}, item: {Quote(catalogue.IdColumn)}, timestamp: {Quote(origin.TimestampColumn)} }}\n");
        }

        if (m.LargestComponent is { } component)
        {
            // A twin draws its items: rarely chosen ones may go unchosen and stay outside the graph, hence 0.85 of the log's.
            y.Append(c, $"\nquality:\n  largest_component: {N(Math.Floor(component * 0.85 * 100) / 100)}   # the log's: {N(component)}\n");

            // Each user's bias is drawn once, so a few heavy users move the histogram by a few points.
            y.Append(m.Rating is null ? "" : "  rating_tolerance: 0.05\n");
        }

        y.Append("\noutput:\n  format: parquet\n");
        return (y.ToString(), Catalogue(m, catalogue));
    }

    private static string Catalogue(TwinModel m, TwinCatalogue catalogue)
    {
        var c = CultureInfo.InvariantCulture;
        var csv = new StringBuilder();
        csv.AppendJoin(',', [Csv(catalogue.IdColumn), .. catalogue.Columns.Select(Csv), WeightColumn, BiasColumn, PositionColumn, .. m.Planted is null ? Array.Empty<string>() : [PlantedColumn]]);
        csv.Append('\n');
        for (int i = 0; i < catalogue.Ids.Count; i++)
        {
            csv.Append(Csv(catalogue.Ids[i]));
            string[] values = catalogue.Values[i];
            for (int k = 0; k < catalogue.Columns.Count; k++)
            {
                csv.Append(',').Append(Csv(k < values.Length ? values[k] : ""));
            }

            csv.Append(',').Append(m.Weights[i].ToString("G6", c));
            csv.Append(',').Append(m.Rating is null ? "0" : m.Rating.ItemBias[i].ToString("0.#####", c));
            csv.Append(',');
            for (int d = 0; d < m.Dimensions; d++)
            {
                csv.Append(d == 0 ? "" : " ").Append(F(m.Positions[i * m.Dimensions + d]));
            }

            if (m.Planted is { } planted)
            {
                csv.Append(',').Append(planted[i].ToString("0.###", c));
            }

            csv.Append('\n');
        }

        return csv.ToString();
    }

    private static string F(float v) => Math.Round(v, 5).ToString("0.#####", CultureInfo.InvariantCulture);

    private static string N(double v) => ScenarioWriter.N(v);

    private static string Csv(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static string Quote(string s) => ScenarioWriter.Quote(s);
}
