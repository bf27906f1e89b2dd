using RecForge.Output;
using RecForge.Scenarios;

namespace RecForge.Datasets;

/// <summary>Finds the scenario a dataset was generated from.</summary>
public static class DatasetScenario
{
    /// <summary>
    /// The scenario behind the dataset in <paramref name="directory"/>: <paramref name="scenarioPath"/> if given, else the
    /// YAML file the manifest records (with its overrides, if its checksum still matches), else the built-in scenario the
    /// manifest names (with its overrides).
    /// </summary>
    /// <exception cref="InvalidDataException">The scenario cannot be found, does not load, or has changed since generation.</exception>
    public static ScenarioDefinition Of(string directory, Manifest manifest, string? scenarioPath)
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
}
