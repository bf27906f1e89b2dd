using System.Globalization;
using RecForge.Sampling;
using YamlDotNet.RepresentationModel;

namespace RecForge.Scenarios;

/// <summary>Categorical, taxonomy and set attributes.</summary>
internal sealed partial class AttributeReader
{
    private CategoryAttribute Categorical(string name, bool output, YamlNode spec, string path, MappingReader r, bool taxonomy)
    {
        double latentWeight = r.Number("latent_weight", 0, 0);
        bool stratified = r.Bool("stratified", false);
        var categories = new List<Category>();
        if (spec is not YamlMappingNode mapping || mapping.Children.Count == 0)
        {
            throw _source.Error(spec, path, taxonomy
                ? "expected top-level categories, e.g. { Action: { weight: 0.2, children: [Heist, Superhero] } }"
                : "expected values with weights, e.g. { Uplifting: 0.2, Tense: 0.25 }");
        }

        var values = new MappingReader(mapping, path, _source);
        foreach (var (key, value) in values.Entries())
        {
            string valuePath = values.Child(key);
            if (value is YamlScalarNode)
            {
                categories.Add(new Category(key, _source.Number(value, valuePath, 0, double.PositiveInfinity, false), key, new Dictionary<string, object>()));
                continue;
            }

            if (value is not YamlMappingNode props)
            {
                throw _source.Error(value, valuePath, "expected a weight or { weight: w, ... }");
            }

            var p = new MappingReader(props, valuePath, _source);
            double weight = p.Number("weight", 1, 0);
            if (taxonomy && p.Get("children") is { } children)
            {
                AddChildren(categories, key, weight, children, p.Child("children"));
            }
            else
            {
                categories.Add(new Category(key, weight, key, ReadProperties(p)));
            }

            if (!taxonomy)
            {
                continue;
            }

            p.Finish();
        }

        double total = 0;
        foreach (Category c in categories)
        {
            total += c.Weight;
        }

        if (total <= 0)
        {
            throw _source.Error(spec, path, "weights must not all be zero");
        }

        var weights = new double[categories.Count];
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = categories[i].Weight;
        }

        return new CategoryAttribute(name, output, NextSlot, categories, new AliasTable(weights), latentWeight, taxonomy, stratified);
    }

    private void AddChildren(List<Category> categories, string parent, double parentWeight, YamlNode children, string path)
    {
        var leaves = new List<(string Name, double Weight)>();
        if (children is YamlSequenceNode list)
        {
            foreach (YamlNode child in list.Children)
            {
                leaves.Add(((child as YamlScalarNode)?.Value ?? throw _source.Error(child, path, "expected a sub-category name"), 1.0));
            }
        }
        else if (children is YamlMappingNode map)
        {
            foreach (var pair in map.Children)
            {
                string childName = ((YamlScalarNode)pair.Key).Value ?? "";
                leaves.Add((childName, _source.Number(pair.Value, $"{path}.{childName}", 0, double.PositiveInfinity, false)));
            }
        }
        else
        {
            throw _source.Error(children, path, "expected a list of sub-categories or a mapping of sub-category: weight");
        }

        double sum = leaves.Sum(l => l.Weight);
        if (leaves.Count == 0 || sum <= 0)
        {
            throw _source.Error(children, path, "needs at least one sub-category with a positive weight");
        }

        foreach (var (leaf, weight) in leaves)
        {
            categories.Add(new Category($"{parent} > {leaf}", parentWeight * weight / sum, parent, new Dictionary<string, object>()));
        }
    }

    private Dictionary<string, object> ReadProperties(MappingReader p)
    {
        var properties = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in p.Entries())
        {
            if (key == "weight" || key == "children")
            {
                continue;
            }

            properties[key] = value switch
            {
                YamlScalarNode { Value: { } text } when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) => number,
                YamlScalarNode { Value: { } text } => text,
                YamlSequenceNode seq => seq.Children.Select((c, i) => _source.Number(c, $"{p.Child(key)}[{i}]", double.NegativeInfinity, double.PositiveInfinity, false)).ToArray(),
                _ => throw _source.Error(value, p.Child(key), "a property is a number, a text or a list of numbers"),
            };
        }

        return properties;
    }

    private SetAttribute Set(string name, bool output, YamlNode spec, string path, MappingReader attribute)
    {
        double latentWeight = attribute.Number("latent_weight", 0, 0);
        if (spec is not YamlMappingNode mapping)
        {
            throw _source.Error(spec, path, "expected { values: [...], min: 1, max: 3 }");
        }

        var r = new MappingReader(mapping, path, _source);
        YamlNode values = r.Get("values") ?? throw r.Error("missing required field 'values'");
        var categories = new List<Category>();
        if (values is YamlSequenceNode list)
        {
            foreach (YamlNode v in list.Children)
            {
                string text = (v as YamlScalarNode)?.Value ?? throw _source.Error(v, r.Child("values"), "expected a value");
                categories.Add(new Category(text, 1, text, new Dictionary<string, object>()));
            }
        }
        else if (values is YamlMappingNode weighted)
        {
            foreach (var pair in weighted.Children)
            {
                string text = ((YamlScalarNode)pair.Key).Value ?? "";
                categories.Add(new Category(text, _source.Number(pair.Value, $"{r.Child("values")}.{text}", 0, double.PositiveInfinity, false), text, new Dictionary<string, object>()));
            }
        }

        if (categories.Count == 0)
        {
            throw r.Error("values", "needs at least one value");
        }

        (int, string)? minFrom = Bound(r, "min"), maxFrom = Bound(r, "max");
        int min = minFrom is null ? (int)r.Integer("min", 1, 0, categories.Count) : 0;
        int max = maxFrom is null ? (int)r.Integer("max", Math.Max(min, 1), min, categories.Count) : categories.Count;
        double lean = r.Number("lean", 0, 0, 100);
        r.Finish();
        return new SetAttribute(name, output, NextSlot, categories, [.. categories.Select(c => c.Weight)], min, max, latentWeight, lean, minFrom, maxFrom);
    }

    // A size bound given as `attribute.property` (a number property of a categorical attribute) instead of a number.
    private (int, string)? Bound(MappingReader r, string key)
    {
        if (r.Get(key) is not YamlScalarNode { Value: { } text } node || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return null;
        }

        int dot = text.IndexOf('.', StringComparison.Ordinal);
        AttributeDefinition? target = dot > 0 ? Resolve(text[..dot], node) : null;
        string property = dot > 0 ? text[(dot + 1)..] : "";
        if (target is not CategoryAttribute c || !c.Categories.All(x => x.Properties.TryGetValue(property, out object? v) && v is double))
        {
            throw r.Error(key, $"expected a number or <categorical attribute>.<number property>, got '{text}'");
        }

        return (target.Slot, property);
    }
}
