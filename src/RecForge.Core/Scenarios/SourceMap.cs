using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace RecForge.Scenarios;

/// <summary>Knows where each YAML node came from (a file line, or a <c>--set</c> override) to word errors.</summary>
internal sealed class SourceMap(string fileName)
{
    private readonly Dictionary<YamlNode, string> _overrides = new(ReferenceEqualityComparer.Instance);

    public string FileName => fileName;

    public void MarkOverride(YamlNode node, string origin) => _overrides[node] = origin;

    public ScenarioException Error(YamlNode node, string path, string message)
    {
        if (_overrides.TryGetValue(node, out string? origin))
        {
            // "--set a.b" already names the field.
            return new ScenarioException($"{origin}: {message}");
        }

        string where = string.Create(CultureInfo.InvariantCulture, $"{fileName}:{node.Start.Line}:{node.Start.Column}");
        return new ScenarioException(path.Length == 0 ? $"{where}: {message}" : $"{where}: {path}: {message}");
    }

    public double Number(YamlNode node, string path, double min, double max, bool exclusiveMin)
    {
        if (node is not YamlScalarNode { Value: { } text }
            || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            || !double.IsFinite(value))
        {
            throw Error(node, path, $"expected a number, got '{(node as YamlScalarNode)?.Value ?? node.NodeType.ToString()}'");
        }

        if (value < min || value > max || (exclusiveMin && value <= min))
        {
            string lower = exclusiveMin ? $"> {Show(min)}" : $">= {Show(min)}";
            string range = double.IsPositiveInfinity(max) ? lower : double.IsNegativeInfinity(min) ? $"<= {Show(max)}" : $"{lower} and <= {Show(max)}";
            throw Error(node, path, $"must be {range}, got {Show(value)}");
        }

        return value;
    }

    private static string Show(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
