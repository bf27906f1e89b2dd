using RecForge.Generation;
using RecForge.Output;
using RecForge.Output.Parquet;
using RecForge.Reading;
using RecForge.Scenarios;
using RecForge.Truth;

namespace RecForge.Datasets;

/// <summary>
/// A finished dataset RecForge wrote, in any format generate writes: its manifest, the scenario behind it and each
/// table as typed column batches.
/// </summary>
/// <example>
/// <code>
/// RecForgeDataset dataset = RecForgeDataset.Open("out/media");
/// foreach (ColumnBatch batch in dataset.Table("interactions").Read()) { … }
/// </code>
/// </example>
public sealed class RecForgeDataset
{
    private readonly string? _scenarioPath;
    private readonly ScenarioDefinition? _given;
    private ScenarioDefinition? _scenario;
    private IReadOnlyDictionary<string, TableSchema>? _schemas;

    private RecForgeDataset(string directory, Manifest manifest, string? scenarioPath, ScenarioDefinition? scenario)
    {
        Directory = directory;
        Manifest = manifest;
        _scenarioPath = scenarioPath;
        _given = scenario;
    }

    /// <summary>The dataset's folder.</summary>
    public string Directory { get; }

    /// <summary>The manifest: format, tables, files and checksums, the scenario's name, seed and checksum.</summary>
    public Manifest Manifest { get; }

    /// <summary>The format the tables were written in (<c>parquet</c>, <c>csv</c>, <c>jsonl</c>, <c>json</c>).</summary>
    public string Format => Manifest.Format;

    /// <summary>
    /// The scenario behind the dataset: the file given to <see cref="Open(string, string?)"/>, else the YAML file the manifest records (with
    /// its overrides, if its checksum still matches), else the built-in scenario the manifest names (with its overrides),
    /// with the embedding storage the files were written with. Resolved on first use.
    /// </summary>
    /// <exception cref="InvalidDataException">The scenario cannot be found or has changed since generation.</exception>
    public ScenarioDefinition Scenario => _scenario ??= ResolveScenario();

    /// <summary>The events table's manifest entry (role <c>events</c>; generate writes it last).</summary>
    public ManifestTable EventsTable => Manifest.Tables.LastOrDefault(t => t.Role == "events") ?? Manifest.Tables[^1];

    /// <summary>Opens the dataset in <paramref name="directory"/>; <paramref name="scenarioPath"/> overrides the scenario the manifest names.</summary>
    /// <exception cref="InvalidDataException">No finished dataset there, or its manifest is damaged.</exception>
    public static RecForgeDataset Open(string directory, string? scenarioPath = null) => new(directory, Load(directory), scenarioPath, null);

    /// <summary>Opens the dataset in <paramref name="directory"/>, generated from <paramref name="scenario"/> (already loaded).</summary>
    /// <exception cref="InvalidDataException">No finished dataset there, or its manifest is damaged.</exception>
    public static RecForgeDataset Open(string directory, ScenarioDefinition scenario) => new(directory, Load(directory), null, scenario);

    /// <summary>The manifest entry of table <paramref name="name"/>.</summary>
    /// <exception cref="InvalidDataException">The dataset has no such table.</exception>
    public ManifestTable Entry(string name) => Manifest.Tables.FirstOrDefault(t => t.Name == name)
        ?? throw new InvalidDataException($"{Directory}: no table '{name}' (has {string.Join(", ", Manifest.Tables.Select(t => t.Name))})");

    /// <summary>Opens table <paramref name="name"/> for reading.</summary>
    /// <exception cref="InvalidDataException">No such table, a file is missing or damaged, or (text formats) the scenario cannot be resolved.</exception>
    public DatasetTable Table(string name) => Open(Entry(name));

    /// <summary>Opens the table of <paramref name="entry"/> for reading.</summary>
    /// <exception cref="InvalidDataException">A file is missing or damaged, or (text formats) the scenario cannot be resolved.</exception>
    public DatasetTable Open(ManifestTable entry) => Format switch
    {
        "parquet" => ParquetDatasetTable.Open(Directory, entry),
        "csv" => new CsvDatasetTable(Directory, entry, SchemaOf(entry)),
        "jsonl" => new JsonDatasetTable(Directory, entry, SchemaOf(entry), document: false),
        "json" => new JsonDatasetTable(Directory, entry, SchemaOf(entry), document: true),
        _ => throw new InvalidDataException($"{Directory}: unknown format '{Format}' in {Manifest.FileName}"),
    };

    /// <summary>The columns table <paramref name="entry"/> was written with, by the scenario (text formats carry no types).</summary>
    public TableSchema SchemaOf(ManifestTable entry)
    {
        _schemas ??= TableSchemas.Of(Scenario);
        return _schemas.TryGetValue(entry.Name, out TableSchema? schema) ? schema
            : throw new InvalidDataException($"{Directory}: table '{entry.Name}' is not a table of scenario {Scenario.Name}");
    }

    private static Manifest Load(string directory)
    {
        if (!File.Exists(Path.Combine(directory, Manifest.FileName)))
        {
            throw new InvalidDataException($"{directory}: no {Manifest.FileName}: not a finished RecForge dataset (for other data pass a mapping file)");
        }

        return Manifest.Load(directory);
    }

    private ScenarioDefinition ResolveScenario()
    {
        ScenarioDefinition scenario = _given ?? DatasetScenario.Of(Directory, Manifest, _scenarioPath);

        // Ground truth is asked for at generation, not by the scenario: its tables come back from the manifest.
        if (Manifest.GroundTruth is { TopK: > 0 } truth)
        {
            scenario = GroundTruth.Apply(GroundTruth.Request(scenario, truth.TopK));
        }

        return Manifest.EmbeddingStorage is { } storage && Enum.TryParse(storage, ignoreCase: true, out EmbeddingStorage parsed)
            ? EmbeddingStorageTransform.Apply(scenario, parsed) // the files hold what generate wrote: float16, or no embedding
            : scenario;
    }
}
