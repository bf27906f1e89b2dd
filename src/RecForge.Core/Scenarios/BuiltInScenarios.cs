
namespace RecForge.Scenarios;

/// <summary>The scenarios shipped inside the tool (the YAML files of <c>scenarios/</c>, embedded at build time).</summary>
public static class BuiltInScenarios
{
    private const string Prefix = "scenarios/";

    /// <summary>Names of the built-in scenarios.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. typeof(BuiltInScenarios).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n => Path.GetFileNameWithoutExtension(n[Prefix.Length..]))
            .Order(StringComparer.Ordinal)];

    /// <summary>The YAML text of a built-in scenario, or null.</summary>
    public static string? Text(string name)
    {
        using Stream? stream = typeof(BuiltInScenarios).Assembly.GetManifestResourceStream(Prefix + name + ".yaml");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Loads a scenario given as a built-in name or a path to a YAML file.</summary>
    /// <exception cref="ScenarioException">Unknown name, missing file or invalid scenario.</exception>
    public static ScenarioDefinition Load(string nameOrPath, IEnumerable<string> overrides)
    {
        if (File.Exists(nameOrPath))
        {
            return ScenarioLoader.LoadFile(nameOrPath, overrides);
        }

        if (Text(nameOrPath) is { } text)
        {
            return ScenarioLoader.LoadText(text, nameOrPath + ".yaml", overrides);
        }

        throw new ScenarioException(nameOrPath.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || nameOrPath.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || nameOrPath.Contains('/', StringComparison.Ordinal)
            ? $"{nameOrPath}: scenario file not found"
            : $"unknown scenario '{nameOrPath}' (built-in: {string.Join(", ", Names)}; or give a path to a .yaml file)");
    }
}
