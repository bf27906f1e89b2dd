using RecForge.Output;

namespace RecForge.Datasets.Fitting;

/// <summary>The files <c>fit</c> writes: the twin's scenario and its catalogue.</summary>
public static class TwinFiles
{
    // The catalogue file comes before the scenario: a scenario is never left naming a catalogue that is not there.
    /// <summary>
    /// Writes a fitted scenario to <paramref name="yamlPath"/> and, for a real catalogue, its items CSV to
    /// <paramref name="cataloguePath"/>, each under its final name only when complete.
    /// </summary>
    public static void Write(string yamlPath, string yaml, string? cataloguePath, string? catalogue)
    {
        using var yamlFile = new AtomicFile(yamlPath);
        using var catalogueFile = cataloguePath is null ? null : new AtomicFile(cataloguePath);
        if (catalogueFile is not null)
        {
            File.WriteAllText(catalogueFile.TemporaryPath, catalogue);
        }

        File.WriteAllText(yamlFile.TemporaryPath, yaml);
        catalogueFile?.Commit(1);
        yamlFile.Commit(1);
    }
}
