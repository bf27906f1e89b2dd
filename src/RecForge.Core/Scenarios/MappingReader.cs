using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace RecForge.Scenarios;

/// <summary>
/// Reads one YAML mapping into typed values, remembering which keys were read so that <see cref="Finish"/> can reject
/// unknown ones, and formatting every error as <c>file:line:column: path: message</c>.
/// </summary>
internal sealed class MappingReader
{
    private readonly YamlMappingNode _node;
    private readonly SourceMap _source;
    private readonly List<string> _asked = [];

    public MappingReader(YamlMappingNode node, string path, SourceMap source)
    {
        _node = node;
        Path = path;
        _source = source;
    }

    public string Path { get; }

    public SourceMap Source => _source;

    public YamlMappingNode Node => _node;

    public string Child(string key) => Path.Length == 0 ? key : string.Concat(Path, ".", key);

    public ScenarioException Error(string message) => _source.Error(_node, Path, message);

    public ScenarioException Error(string key, string message) => _source.Error(Get(key) ?? _node, Child(key), message);

    public YamlNode? Get(string key)
    {
        if (!_asked.Contains(key))
        {
            _asked.Add(key);
        }

        return _node.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value) ? value : null;
    }

    public bool Has(string key) => Get(key) is not null;

    public string? String(string key, string? defaultValue = null)
    {
        YamlNode? node = Get(key);
        if (node is null)
        {
            return defaultValue;
        }

        return node is YamlScalarNode { Value: { } text }
            ? text
            : throw _source.Error(node, Child(key), "expected a text value");
    }

    public string RequireString(string key)
        => String(key) ?? throw Error($"missing required field '{key}'");

    public double Number(string key, double defaultValue, double min = double.NegativeInfinity, double max = double.PositiveInfinity, bool exclusiveMin = false)
    {
        YamlNode? node = Get(key);
        return node is null ? defaultValue : _source.Number(node, Child(key), min, max, exclusiveMin);
    }

    public double RequireNumber(string key, double min = double.NegativeInfinity, double max = double.PositiveInfinity, bool exclusiveMin = false)
    {
        YamlNode node = Get(key) ?? throw Error($"missing required field '{key}'");
        return _source.Number(node, Child(key), min, max, exclusiveMin);
    }

    public long Integer(string key, long defaultValue, long min = long.MinValue, long max = long.MaxValue)
    {
        YamlNode? node = Get(key);
        if (node is null)
        {
            return defaultValue;
        }

        double value = _source.Number(node, Child(key), min == long.MinValue ? double.NegativeInfinity : min, max == long.MaxValue ? double.PositiveInfinity : max, false);
        return value == Math.Floor(value) && Math.Abs(value) < 9.2e18
            ? (long)value
            : throw _source.Error(node, Child(key), $"expected a whole number, got {value.ToString(CultureInfo.InvariantCulture)}");
    }

    public bool Bool(string key, bool defaultValue)
    {
        YamlNode? node = Get(key);
        if (node is null)
        {
            return defaultValue;
        }

        return node is YamlScalarNode { Value: "true" or "false" } s
            ? s.Value == "true"
            : throw _source.Error(node, Child(key), "expected true or false");
    }

    public MappingReader? Mapping(string key)
    {
        YamlNode? node = Get(key);
        return node switch
        {
            null => null,
            YamlMappingNode m => new MappingReader(m, Child(key), _source),
            _ => throw _source.Error(node, Child(key), "expected a mapping (key: value lines)"),
        };
    }

    public MappingReader RequireMapping(string key) => Mapping(key) ?? throw Error($"missing required section '{key}'");

    public YamlSequenceNode? Sequence(string key)
    {
        YamlNode? node = Get(key);
        return node switch
        {
            null => null,
            YamlSequenceNode s => s,
            _ => throw _source.Error(node, Child(key), "expected a list"),
        };
    }

    /// <summary>The items of a list of mappings, each as a reader with its path (<c>key[i]</c>); none if the key is absent.</summary>
    public IEnumerable<MappingReader> MappingList(string key, string expected)
    {
        if (Sequence(key) is not { } list)
        {
            yield break;
        }

        for (int i = 0; i < list.Children.Count; i++)
        {
            string path = $"{Child(key)}[{i}]";
            yield return list.Children[i] is YamlMappingNode m
                ? new MappingReader(m, path, _source)
                : throw _source.Error(list.Children[i], path, $"expected {expected}");
        }
    }

    /// <summary>Every key in file order; all count as read.</summary>
    public IEnumerable<(string Key, YamlNode Value)> Entries()
    {
        foreach (var pair in _node.Children)
        {
            string key = ((YamlScalarNode)pair.Key).Value ?? "";
            Get(key);
            yield return (key, pair.Value);
        }
    }

    /// <summary>Rejects any key that was never asked for, naming the ones that would have been understood.</summary>
    public void Finish()
    {
        foreach (var pair in _node.Children)
        {
            string key = (pair.Key as YamlScalarNode)?.Value ?? "";
            if (!_asked.Contains(key))
            {
                throw _source.Error(pair.Key, Child(key), $"unknown field '{key}' (expected one of: {string.Join(", ", _asked)})");
            }
        }
    }
}
