using RecForge.Datasets.Foreign;
using RecForge.Generation;
using RecForge.Output;
using RecForge.Quality;
using RecForge.Scenarios;

namespace RecForge.Datasets;

/// <summary>Validates a dataset against its scenario, or other data described by a mapping file.</summary>
public static class DatasetValidation
{
    /// <summary>
    /// Checks <paramref name="dataset"/>: the manifest's files and checksums, each table's columns against the scenario,
    /// then the structural and statistical checks of <see cref="DatasetValidator"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The scenario cannot be resolved or the manifest lacks one of its tables.</exception>
    public static ValidationReport Validate(RecForgeDataset dataset) => Validate(dataset, null);

    /// <summary>As <see cref="Validate(RecForgeDataset)"/>, reporting rows read (of the three tables' rows) to <paramref name="progress"/>.</summary>
    /// <exception cref="InvalidDataException">The scenario cannot be resolved or the manifest lacks one of its tables.</exception>
    public static ValidationReport Validate(RecForgeDataset dataset, IProgress<GenerationProgress>? progress)
    {
        ScenarioDefinition scenario = dataset.Scenario;
        IReadOnlyDictionary<string, TableSchema> schemas = TableSchemas.Of(scenario);
        var prior = new List<QualityCheck>(DatasetValidator.ManifestChecks(dataset.Directory, dataset.Manifest));
        TableView Open(string name)
        {
            ManifestTable entry = dataset.Manifest.Tables.FirstOrDefault(t => t.Name == name)
                ?? throw new InvalidDataException($"{dataset.Directory}: the manifest has no table '{name}' of scenario {scenario.Name}");
            TableView view;
            try
            {
                view = Counted(dataset.Open(entry).AsView());
            }
            catch (InvalidDataException e)
            {
                // A table that cannot be opened is a failed check, not the end of the report.
                return new TableView(name, new TableSchema(name, []), () => throw new InvalidDataException($"{name}: {e.Message}"));
            }

            prior.Add(DatasetValidator.SchemaCheck(view, schemas[name]));
            return view;
        }

        long done = 0, total = 0;
        foreach (string name in (string[])[scenario.Items.Table, scenario.Users.Table, scenario.Events.Table])
        {
            total += dataset.Manifest.Tables.FirstOrDefault(t => t.Name == name)?.Rows ?? 0;
        }

        TableView Counted(TableView view) => progress is null ? view : view with { Read = () => Count(view.Read()) };
        IEnumerable<ColumnBatch> Count(IEnumerable<ColumnBatch> batches)
        {
            foreach (ColumnBatch batch in batches)
            {
                done += batch.Count;
                progress.Report(new GenerationProgress(done, Math.Max(done, total)));
                yield return batch;
            }
        }

        TableView items = Open(scenario.Items.Table), users = Open(scenario.Users.Table), events = Open(scenario.Events.Table);
        var view = new DatasetView(events, ScenarioColumns.For(scenario), items, users);
        return DatasetValidator.Validate(dataset.Directory, view, scenario, prior);
    }

    /// <summary>Checks data RecForge did not write, described by the mapping file at <paramref name="mappingPath"/> (see <see cref="ForeignDataset"/>).</summary>
    /// <exception cref="InvalidDataException">The mapping is malformed or names missing files or columns.</exception>
    public static ValidationReport ValidateMapped(string mappingPath) => DatasetValidator.Validate(mappingPath, ForeignDataset.Load(mappingPath), null);
}
