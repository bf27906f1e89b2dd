using RecForge.Output;
using RecForge.Output.Parquet;
using RecForge.Quality;
using RecForge.Scenarios;

namespace RecForge.Cli.Validation;

/// <summary>A dataset RecForge wrote: its manifest, the scenario it names and a view with every column's role.</summary>
internal static class RecForgeDataset
{
    public static (DatasetView View, ScenarioDefinition Scenario, List<QualityCheck> Prior) Load(string directory, string? scenarioPath)
    {
        if (!File.Exists(Path.Combine(directory, Manifest.FileName)))
        {
            throw new InvalidDataException($"{directory}: no {Manifest.FileName}: not a finished RecForge dataset (for other data pass a mapping file)");
        }

        Manifest manifest;
        try
        {
            manifest = Manifest.Load(directory);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidDataException($"{Path.Combine(directory, Manifest.FileName)}: malformed JSON ({e.Message.Split('\n')[0]})");
        }

        ScenarioDefinition scenario;
        try
        {
            scenario = BuiltInScenarios.Load(scenarioPath ?? manifest.Scenario, []);
        }
        catch (ScenarioException e)
        {
            throw new InvalidDataException($"scenario '{scenarioPath ?? manifest.Scenario}' of the manifest: {e.Message} (pass --scenario FILE)");
        }

        ManifestTable Table(string name) => manifest.Tables.FirstOrDefault(t => t.Name == name)
            ?? throw new InvalidDataException($"{directory}: the manifest has no table '{name}' of scenario {scenario.Name}");
        TableView items = ParquetTableView.Open(directory, Table(scenario.Items.Table));
        TableView users = ParquetTableView.Open(directory, Table(scenario.Users.Table));
        TableView events = ParquetTableView.Open(directory, Table(scenario.Events.Table));

        var prior = new List<QualityCheck>(DatasetValidator.ManifestChecks(directory, manifest));
        IReadOnlyDictionary<string, TableSchema> schemas = DatasetValidator.ScenarioSchemas(scenario);
        foreach (TableView table in new[] { items, users, events })
        {
            if (table.Schema.Columns.Count > 0)
            {
                prior.Add(DatasetValidator.SchemaCheck(table, schemas[table.Name]));
            }
        }

        EventColumns c = scenario.Events.Columns;
        CategoryAttribute? category = scenario.Items.Attributes.OfType<CategoryAttribute>().Where(a => a.Output).OrderByDescending(a => a.IsTaxonomy).FirstOrDefault();
        string? embedding = scenario.Items.Attributes.OfType<WorldAttribute>().FirstOrDefault(w => w.Output && w.Kind == WorldValueKind.Embedding)?.Name;
        var columns = new DatasetColumns(c.User, c.Item, c.Timestamp, null, scenario.Events.WatchTime is null ? null : c.WatchTime, c.Type,
            scenario.Items.IdColumn, scenario.Users.IdColumn, category?.Name, scenario.Events.UtcOffsetMinutes is { Output: true } o ? o.Name : null, embedding);
        return (new DatasetView(events, columns, items, users), scenario, prior);
    }
}
