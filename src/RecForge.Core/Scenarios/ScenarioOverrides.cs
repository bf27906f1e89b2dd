using YamlDotNet.RepresentationModel;

namespace RecForge.Scenarios;

/// <summary>Applies <c>--set a.b.c=value</c> overrides to a scenario's YAML tree before it is read.</summary>
/// <remarks>
/// Overrides replace scalars (or add a missing last key to an existing mapping), so they pass the same validation as
/// the file itself; an error in an override value is reported against <c>--set a.b.c</c> instead of a file line.
/// </remarks>
internal static class ScenarioOverrides
{
    public static void Apply(YamlMappingNode root, IEnumerable<string> overrides, SourceMap source)
    {
        foreach (string entry in overrides)
        {
            int eq = entry.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ScenarioException($"--set {entry}: expected key=value, such as world.popularity.exponent=1.2");
            }

            string path = entry[..eq].Trim();
            string value = entry[(eq + 1)..].Trim();
            string[] keys = path.Split('.');
            YamlMappingNode current = root;
            for (int i = 0; i < keys.Length - 1; i++)
            {
                if (!current.Children.TryGetValue(new YamlScalarNode(keys[i]), out YamlNode? next) || next is not YamlMappingNode mapping)
                {
                    throw new ScenarioException($"--set {path}: '{string.Join('.', keys[..(i + 1)])}' is not a section of the scenario");
                }

                current = mapping;
            }

            var key = new YamlScalarNode(keys[^1]);
            if (current.Children.TryGetValue(key, out YamlNode? existing) && existing is not YamlScalarNode)
            {
                throw new ScenarioException($"--set {path}: is a section, not a single value");
            }

            var node = new YamlScalarNode(value);
            source.MarkOverride(node, $"--set {path}");
            source.MarkOverride(key, $"--set {path}");
            if (existing is null)
            {
                current.Children.Add(key, node);
            }
            else
            {
                current.Children[key] = node;
            }
        }
    }
}
