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
        IReadOnlyDictionary<string, TableSchema> schemas = DatasetValidator.ScenarioSchemas(scenario);
        TableView items = OpenTable(directory, manifest.Format, Table(scenario.Items.Table), schemas[scenario.Items.Table]);
        TableView users = OpenTable(directory, manifest.Format, Table(scenario.Users.Table), schemas[scenario.Users.Table]);
        TableView events = OpenTable(directory, manifest.Format, Table(scenario.Events.Table), schemas[scenario.Events.Table]);

        var prior = new List<QualityCheck>(DatasetValidator.ManifestChecks(directory, manifest));
        foreach (TableView table in new[] { items, users, events })
        {
            if (table.Schema.Columns.Count > 0)
            {
                prior.Add(DatasetValidator.SchemaCheck(table, schemas[table.Name]));
            }
        }

        DatasetColumns columns = ScenarioColumns.For(scenario);
        return (new DatasetView(events, columns, items, users), scenario, prior);
    }

    /// <summary>A table of a dataset in <paramref name="format"/>, read back with <paramref name="schema"/> (CSV is untyped text).</summary>
    public static TableView OpenTable(string directory, string format, ManifestTable table, TableSchema schema) => format switch
    {
        "parquet" => ParquetTableView.Open(directory, table),
        "csv" => CsvTableView.Open(directory, table, schema),
        _ => throw new InvalidDataException($"{directory}: {format} output cannot be read back; validate reads parquet and csv datasets"),
    };
}
