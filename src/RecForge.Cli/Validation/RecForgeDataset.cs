using RecForge.Generation;
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

        Manifest manifest = Manifest.Load(directory);
        ScenarioDefinition scenario = ScenarioOf(directory, manifest, scenarioPath);
        if (manifest.EmbeddingStorage is { } storage && Enum.TryParse(storage, ignoreCase: true, out EmbeddingStorage parsed))
        {
            // The files hold what generate wrote: float16, or no embedding at all.
            scenario = EmbeddingStorageTransform.Apply(scenario, parsed);
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

    /// <summary>
    /// The scenario behind a dataset: the file given, else the YAML file the manifest records (with its overrides, if its
    /// checksum still matches), else the built-in scenario the manifest names (with its overrides).
    /// </summary>
    public static ScenarioDefinition ScenarioOf(string directory, Manifest manifest, string? scenarioPath)
    {
        string? recorded = manifest.ScenarioFile is { } relative ? Path.GetFullPath(Path.Combine(directory, relative)) : null;
        string source = scenarioPath ?? recorded ?? manifest.Scenario;
        IReadOnlyList<string> overrides = scenarioPath is null ? manifest.ScenarioOverrides ?? [] : [];
        if (scenarioPath is null && recorded is not null && !File.Exists(recorded))
        {
            throw new InvalidDataException($"{directory}: generated from {recorded}, which is no longer there (pass --scenario FILE)");
        }

        ScenarioDefinition scenario;
        try
        {
            scenario = BuiltInScenarios.Load(source, overrides);
        }
        catch (ScenarioException e)
        {
            throw new InvalidDataException($"scenario '{source}' of the manifest: {e.Message} (pass --scenario FILE)");
        }

        if (scenarioPath is null && recorded is not null && scenario.Sha256 != manifest.ScenarioSha256)
        {
            throw new InvalidDataException($"{recorded}: changed since the dataset was generated (its checksum differs from the manifest's); pass --scenario FILE to check against it anyway");
        }

        return scenario;
    }

    /// <summary>A table of a dataset in <paramref name="format"/>, read back with <paramref name="schema"/> (CSV is untyped text).</summary>
    public static TableView OpenTable(string directory, string format, ManifestTable table, TableSchema schema) => format switch
    {
        "parquet" => ParquetTableView.Open(directory, table),
        "csv" => CsvTableView.Open(directory, table, schema),
        _ => throw new InvalidDataException($"{directory}: {format} output cannot be read back; validate reads parquet and csv datasets"),
    };
}
