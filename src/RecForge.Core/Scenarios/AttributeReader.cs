using System.Globalization;
using RecForge.Expressions;
using RecForge.Sampling;
using YamlDotNet.RepresentationModel;

namespace RecForge.Scenarios;

/// <summary>
/// Reads an entity's attributes in dependency order: an attribute that reads another (expression, JSON, template,
/// embedding) resolves it first, so slots are a topological order and cycles are reported.
/// </summary>
internal sealed class AttributeReader
{
    private static readonly string[] ValueKinds =
        [.. SamplerReader.Kinds, "categorical", "taxonomy", "set", "expression", "json", "text", "vector", "dirichlet", "world"];

    private readonly MappingReader _attributes;
    private readonly SourceMap _source;
    private readonly Dictionary<string, YamlNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AttributeDefinition> _done = new(StringComparer.Ordinal);
    private readonly HashSet<string> _visiting = new(StringComparer.Ordinal);
    private readonly List<AttributeDefinition> _ordered = [];
    private readonly MappingReader? _vocabulary;
    private readonly EntityDefinition? _items;
    private readonly HashSet<string> _reserved;

    public AttributeReader(MappingReader attributes, SourceMap source, MappingReader? vocabulary, EntityDefinition? items, params string[] reserved)
    {
        _attributes = attributes;
        _source = source;
        _vocabulary = vocabulary;
        _items = items;
        _reserved = new HashSet<string>(reserved, StringComparer.Ordinal);
        foreach (var (key, value) in attributes.Entries())
        {
            _nodes[key] = value;
        }
    }

    public IReadOnlyList<string> DeclaredNames => [.. _nodes.Keys];

    public IReadOnlyList<AttributeDefinition> ReadAll()
    {
        foreach (string name in _nodes.Keys)
        {
            Resolve(name, _attributes.Node);
        }

        return _ordered;
    }

    private AttributeDefinition Resolve(string name, YamlNode from)
    {
        if (_done.TryGetValue(name, out AttributeDefinition? done))
        {
            return done;
        }

        if (!_nodes.TryGetValue(name, out YamlNode? node))
        {
            throw _source.Error(from, _attributes.Path, $"unknown attribute '{name}' (defined: {string.Join(", ", _nodes.Keys)})");
        }

        if (_reserved.Contains(name))
        {
            throw _source.Error(node, _attributes.Child(name), $"'{name}' is already the id column's name");
        }

        if (!_visiting.Add(name))
        {
            throw _source.Error(node, _attributes.Child(name), $"attribute '{name}' depends on itself (through {string.Join(" -> ", _visiting)})");
        }

        AttributeDefinition attribute = Read(name, node);
        _visiting.Remove(name);
        _done[name] = attribute;
        _ordered.Add(attribute);
        return attribute;
    }

    private int NextSlot => _ordered.Count;

    private AttributeDefinition Read(string name, YamlNode node)
    {
        string path = _attributes.Child(name);
        if (node is not YamlMappingNode mapping)
        {
            throw _source.Error(node, path, $"expected a mapping with one of: {string.Join(", ", ValueKinds)}");
        }

        var r = new MappingReader(mapping, path, _source);
        bool output = r.Bool("output", true);
        string? kind = null;
        YamlNode? spec = null;
        foreach (string candidate in ValueKinds)
        {
            if (r.Get(candidate) is { } value)
            {
                if (kind is not null)
                {
                    throw r.Error(candidate, $"an attribute has one kind, but both '{kind}' and '{candidate}' are given");
                }

                kind = candidate;
                spec = value;
            }
        }

        if (kind is null || spec is null)
        {
            throw r.Error($"missing the attribute's kind: one of {string.Join(", ", ValueKinds)}");
        }

        string specPath = r.Child(kind);
        AttributeDefinition result;
        if (SamplerReader.IsSampler(kind))
        {
            IScalarSampler sampler = SamplerReader.Read(kind, spec, specPath, _source, out bool integer);
            integer = r.Bool("integer", integer);
            int? decimals = r.Has("round") ? (int)r.Integer("round", 0, 0, 15) : null;
            if (r.Sequence("clamp") is { } clamp)
            {
                if (clamp.Children.Count != 2)
                {
                    throw r.Error("clamp", "expected [min, max]");
                }

                double lo = _source.Number(clamp.Children[0], r.Child("clamp"), double.NegativeInfinity, double.PositiveInfinity, false);
                double hi = _source.Number(clamp.Children[1], r.Child("clamp"), lo, double.PositiveInfinity, false);
                sampler = new ClampedSampler(sampler, lo, hi, decimals ?? (integer ? 0 : null));
            }
            else if (decimals is not null || integer)
            {
                sampler = new ClampedSampler(sampler, double.NegativeInfinity, double.PositiveInfinity, decimals ?? 0);
            }

            result = new NumberAttribute(name, output, NextSlot, sampler, integer);
        }
        else
        {
            result = kind switch
            {
                "categorical" => Categorical(name, output, spec, specPath, r, taxonomy: false),
                "taxonomy" => Categorical(name, output, spec, specPath, r, taxonomy: true),
                "set" => Set(name, output, spec, specPath),
                "expression" => Expression(name, output, spec, specPath, r),
                "json" => Json(name, output, spec, specPath),
                "text" => Text(name, output, spec, specPath),
                "vector" or "dirichlet" => Vector(name, output, kind, spec, specPath),
                "world" => World(name, output, spec, specPath, r),
                _ => throw r.Error(kind, "unsupported"),
            };
        }

        r.Finish();
        return result;
    }

    private CategoryAttribute Categorical(string name, bool output, YamlNode spec, string path, MappingReader r, bool taxonomy)
    {
        double latentWeight = r.Number("latent_weight", 0, 0);
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

        return new CategoryAttribute(name, output, NextSlot, categories, new AliasTable(weights), latentWeight, taxonomy);
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

    private SetAttribute Set(string name, bool output, YamlNode spec, string path)
    {
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

        int min = (int)r.Integer("min", 1, 0, categories.Count);
        int max = (int)r.Integer("max", Math.Max(min, 1), min, categories.Count);
        r.Finish();
        return new SetAttribute(name, output, NextSlot, categories, [.. categories.Select(c => c.Weight)], min, max);
    }

    private ExpressionAttribute Expression(string name, bool output, YamlNode spec, string path, MappingReader r)
    {
        string text = (spec as YamlScalarNode)?.Value ?? throw _source.Error(spec, path, "expected the expression as text");
        bool integer = r.Bool("integer", false);
        try
        {
            ExpressionNode node = ExpressionParser.Parse(text, (reference, property) =>
            {
                AttributeDefinition target = Resolve(reference, spec);
                bool isText = property is null
                    ? target is CategoryAttribute or TextAttribute or JsonAttribute || (target is ExpressionAttribute e && e.Expression.IsText)
                    : target is CategoryAttribute c && c.Categories.All(cat => cat.Properties.TryGetValue(property, out object? v) && v is string)
                        ? true
                        : target is CategoryAttribute c2 && c2.Categories.All(cat => cat.Properties.TryGetValue(property, out object? v) && v is double)
                            ? false
                            : throw new ExpressionException($"'{reference}.{property}': every category of '{reference}' needs a number or text property '{property}'", 0);
                return new ReferenceNode(target.Slot, property, isText);
            });
            return new ExpressionAttribute(name, output, NextSlot, text, node, integer);
        }
        catch (ExpressionException e)
        {
            throw _source.Error(spec, path, $"{e.Message} in \"{text}\"");
        }
    }

    private JsonAttribute Json(string name, bool output, YamlNode spec, string path)
    {
        if (spec is not YamlMappingNode mapping || mapping.Children.Count == 0)
        {
            throw _source.Error(spec, path, "expected { key: attribute, ... }");
        }

        var fields = new List<(string, AttributeDefinition)>();
        foreach (var pair in mapping.Children)
        {
            string key = ((YamlScalarNode)pair.Key).Value ?? "";
            string source = (pair.Value as YamlScalarNode)?.Value ?? throw _source.Error(pair.Value, $"{path}.{key}", "expected an attribute name");
            fields.Add((key, Resolve(source, pair.Value)));
        }

        return new JsonAttribute(name, output, NextSlot, fields);
    }

    private TextAttribute Text(string name, bool output, YamlNode spec, string path)
    {
        if (spec is not YamlSequenceNode list || list.Children.Count == 0)
        {
            throw _source.Error(spec, path, "expected a list of templates such as \"The {mood.adjective} {genre.noun}\"");
        }

        var templates = new List<TextTemplate>();
        foreach (YamlNode item in list.Children)
        {
            string text = (item as YamlScalarNode)?.Value ?? throw _source.Error(item, path, "expected a template text");
            templates.Add(ParseTemplate(text, item, path));
        }

        return new TextAttribute(name, output, NextSlot, templates);
    }

    private TextTemplate ParseTemplate(string text, YamlNode node, string path)
    {
        var parts = new List<TemplatePart>();
        int pos = 0;
        while (pos < text.Length)
        {
            int open = text.IndexOf('{', pos);
            if (open < 0)
            {
                parts.Add(new TemplatePart(text[pos..], null, null, null, null));
                break;
            }

            if (open > pos)
            {
                parts.Add(new TemplatePart(text[pos..open], null, null, null, null));
            }

            int close = text.IndexOf('}', open);
            if (close < 0)
            {
                throw _source.Error(node, path, $"unclosed '{{' in template \"{text}\"");
            }

            string placeholder = text[(open + 1)..close];
            bool lower = placeholder.EndsWith(":lower", StringComparison.Ordinal);
            if (lower)
            {
                placeholder = placeholder[..^":lower".Length];
            }
            else if (placeholder.Contains(':', StringComparison.Ordinal))
            {
                throw _source.Error(node, path, $"unknown modifier in '{{{placeholder}}}' (only :lower is supported)");
            }

            int dot = placeholder.IndexOf('.', StringComparison.Ordinal);
            TemplatePart part = dot < 0
                ? new TemplatePart(null, null, Resolve(placeholder, node), null, null)
                : WordPart(placeholder[..dot], placeholder[(dot + 1)..], node, path);
            parts.Add(part with { Lower = lower });

            pos = close + 1;
        }

        return new TextTemplate(parts);
    }

    private TemplatePart WordPart(string attributeName, string wordClass, YamlNode node, string path)
    {
        if (Resolve(attributeName, node) is not CategoryAttribute attribute)
        {
            throw _source.Error(node, path, $"'{{{attributeName}.{wordClass}}}': '{attributeName}' must be categorical to have a vocabulary");
        }

        MappingReader vocabulary = _vocabulary?.Mapping(attributeName)
            ?? throw _source.Error(node, path, $"'{{{attributeName}.{wordClass}}}' needs a 'vocabulary.{attributeName}' section");
        var words = new List<IReadOnlyList<string>>();
        foreach (Category category in attribute.Categories)
        {
            MappingReader entry = vocabulary.Mapping(category.Group)
                ?? throw vocabulary.Error($"missing words for '{category.Group}' (every value of '{attributeName}' needs them)");
            YamlSequenceNode list = entry.Sequence(wordClass)
                ?? throw entry.Error($"missing word list '{wordClass}' used by a template");
            words.Add([.. list.Children.Select(w => (w as YamlScalarNode)?.Value ?? throw _source.Error(w, entry.Child(wordClass), "expected a word"))]);
            if (words[^1].Count == 0)
            {
                throw entry.Error(wordClass, "needs at least one word");
            }
        }

        return new TemplatePart(null, attribute, null, wordClass, words);
    }

    private VectorAttribute Vector(string name, bool output, string kind, YamlNode spec, string path)
    {
        if (spec is not YamlMappingNode mapping)
        {
            throw _source.Error(spec, path, kind == "dirichlet" ? "expected { alpha: [1, 1, 1] }" : "expected { dim: 3, beta: { a: 2, b: 2 } }");
        }

        var r = new MappingReader(mapping, path, _source);
        VectorAttribute result;
        if (kind == "dirichlet")
        {
            YamlSequenceNode alpha = r.Sequence("alpha") ?? throw r.Error("missing required field 'alpha'");
            var values = alpha.Children.Select((c, i) => _source.Number(c, $"{r.Child("alpha")}[{i}]", 0, double.PositiveInfinity, true)).ToList();
            result = new VectorAttribute(name, output, NextSlot, values.Count, null, new DirichletSampler(values));
        }
        else
        {
            int dim = (int)r.Integer("dim", 0, 1, 65536);
            IScalarSampler? element = null;
            foreach (var (key, value) in r.Entries())
            {
                if (SamplerReader.IsSampler(key))
                {
                    element = SamplerReader.Read(key, value, r.Child(key), _source, out _);
                }
            }

            result = new VectorAttribute(name, output, NextSlot, dim, element ?? throw r.Error("missing the element sampler"), null);
        }

        r.Finish();
        return result;
    }

    private WorldAttribute World(string name, bool output, YamlNode spec, string path, MappingReader r)
    {
        string kind = (spec as YamlScalarNode)?.Value ?? throw _source.Error(spec, path, "expected popularity, taste_clusters, preference_profile or embedding");
        switch (kind)
        {
            case "popularity":
            case "taste_clusters":
                return new WorldAttribute(name, output, NextSlot, kind == "popularity" ? WorldValueKind.Popularity : WorldValueKind.TasteClusters, null, null);
            case "preference_profile":
                {
                    string of = r.RequireString("of");
                    string property = r.RequireString("property");
                    EntityDefinition items = _items ?? throw r.Error("world", "preference_profile belongs to users (it reads item categories)");
                    if (items.Find(of) is not CategoryAttribute attribute)
                    {
                        throw r.Error("of", $"'{of}' is not a categorical item attribute");
                    }

                    int dim = -1;
                    foreach (Category c in attribute.Categories)
                    {
                        int d = c.Properties.TryGetValue(property, out object? v) && v is double[] vec ? vec.Length : -1;
                        dim = dim == -1 || dim == d ? d : -2;
                    }

                    return dim > 0
                        ? new WorldAttribute(name, output, NextSlot, WorldValueKind.PreferenceProfile, new ProfileSource(attribute, property, dim), null)
                        : throw r.Error("property", $"every '{of}' category needs a number list '{property}' of one length");
                }

            case "embedding":
                return new WorldAttribute(name, output, NextSlot, WorldValueKind.Embedding, null, Embedding(r));
            default:
                throw _source.Error(spec, path, $"unknown world value '{kind}' (expected popularity, taste_clusters, preference_profile or embedding)");
        }
    }

    private EmbeddingDefinition Embedding(MappingReader r)
    {
        if (!r.Has("blocks"))
        {
            throw r.Error("missing required field 'blocks'");
        }

        var result = new List<EmbeddingBlock>();
        foreach (MappingReader b in r.MappingList("blocks", "{ name, dim, source, of }"))
        {
            string name = b.RequireString("name");
            int dim = (int)b.Integer("dim", 0, 1, 65536);
            string source = b.RequireString("source");
            var of = new List<AttributeDefinition>();
            if (b.Get("of") is YamlSequenceNode list)
            {
                foreach (YamlNode n in list.Children)
                {
                    of.Add(Resolve((n as YamlScalarNode)?.Value ?? "", n));
                }
            }
            else if (b.String("of") is { } single)
            {
                of.Add(Resolve(single, b.Node));
            }

            string? property = null;
            switch (source)
            {
                case "text":
                    if (of.Count == 0 || of.Any(a => a is not TextAttribute and not CategoryAttribute))
                    {
                        throw b.Error("of", "a text block reads one or more text or categorical attributes");
                    }

                    break;
                case "latent":
                    if (of.Any(a => a is not CategoryAttribute))
                    {
                        throw b.Error("of", "a latent block reads categorical attributes");
                    }

                    break;
                case "property":
                    property = b.RequireString("property");
                    if (of.Count != 1 || of[0] is not CategoryAttribute c || !c.Categories.All(x => x.Properties.TryGetValue(property, out object? v) && v is double[]))
                    {
                        throw b.Error("property", "a property block reads one categorical attribute whose every category has this number list");
                    }

                    break;
                default:
                    throw b.Error("source", $"expected text, latent or property, got '{source}'");
            }

            result.Add(new EmbeddingBlock(name, dim, source, of, property, b.Number("noise", 0.15, 0)));
            b.Finish();
        }

        return new EmbeddingDefinition(result);
    }
}
