using System.Globalization;
using RecForge.Expressions;
using RecForge.Sampling;
using YamlDotNet.RepresentationModel;

namespace RecForge.Scenarios;

/// <summary>
/// Reads an entity's attributes in dependency order: an attribute that reads another (expression, JSON, template,
/// embedding) resolves it first, so slots are a topological order and cycles are reported.
/// </summary>
internal sealed partial class AttributeReader
{
    private static readonly string[] ValueKinds =
        [.. SamplerReader.Kinds, "categorical", "taxonomy", "set", "expression", "json", "text", "vector", "dirichlet", "world", "inherit", "column"];

    private readonly MappingReader _attributes;
    private readonly SourceMap _source;
    private readonly Dictionary<string, YamlNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AttributeDefinition> _done = new(StringComparer.Ordinal);
    private readonly HashSet<string> _visiting = new(StringComparer.Ordinal);
    private readonly List<AttributeDefinition> _ordered = [];
    private readonly Stack<HashSet<int>> _reading = new();
    private readonly MappingReader? _vocabulary;
    private readonly EntityDefinition? _items;
    private readonly EntityDefinition? _creators;
    private readonly HashSet<string> _reserved;
    private readonly CatalogueFile? _file;

    public AttributeReader(MappingReader attributes, SourceMap source, MappingReader? vocabulary, EntityDefinition? items, EntityDefinition? creators, CatalogueFile? file, params string[] reserved)
    {
        _file = file;
        _attributes = attributes;
        _source = source;
        _vocabulary = vocabulary;
        _items = items;
        _creators = creators;
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
            return Used(done);
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

        // Every attribute resolved while this one is read is one it depends on.
        _reading.Push([]);
        AttributeDefinition attribute = Read(name, node);
        attribute = attribute with { DependsOn = [.. _reading.Pop().Order()] };
        _visiting.Remove(name);
        _done[name] = attribute;
        _ordered.Add(attribute);
        return Used(attribute);
    }

    private AttributeDefinition Used(AttributeDefinition attribute)
    {
        if (_reading.TryPeek(out HashSet<int>? reader))
        {
            reader.Add(attribute.Slot);
        }

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
                "set" => Set(name, output, spec, specPath, r),
                "expression" => Expression(name, output, spec, specPath, r),
                "json" => Json(name, output, spec, specPath),
                "text" => Text(name, output, spec, specPath),
                "vector" or "dirichlet" => Vector(name, output, kind, spec, specPath),
                "world" => World(name, output, spec, specPath, r),
                "inherit" => Inherit(name, output, spec, specPath),
                "column" => Column(name, output, spec, specPath, r),
                _ => throw r.Error(kind, "unsupported"),
            };
        }

        r.Finish();
        return result;
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
                    ? target is CategoryAttribute or TextAttribute or JsonAttribute or ColumnAttribute { Texts: not null } || (target is ExpressionAttribute e && e.Expression.IsText)
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

    // column: title — a catalogue file's column, typed by its values unless `type` says otherwise.
    private ColumnAttribute Column(string name, bool output, YamlNode spec, string path, MappingReader r)
    {
        string column = (spec as YamlScalarNode)?.Value ?? throw _source.Error(spec, path, "expected the name of a column of the entity's file");
        string? split = r.String("split", null);
        string? type = r.String("type", null);
        if (_file is null)
        {
            throw _source.Error(spec, path, "only an entity read from a file (`file:`) has columns to copy");
        }

        if (!_file.Has(column))
        {
            throw _source.Error(spec, path, $"{_file.Path} has no column '{column}' (it has {string.Join(", ", _file.Header)})");
        }

        if (type is not (null or "text" or "number" or "integer"))
        {
            throw r.Error("type", $"expected text, number or integer, got '{type}'");
        }

        if (split is not null)
        {
            if (split.Length == 0 || type is not (null or "text"))
            {
                throw r.Error("split", "expected a non-empty separator, for a text column");
            }

            string[][] lists = [.. _file.Texts(column).Select(t => t.Split(split, StringSplitOptions.RemoveEmptyEntries))];
            return new ColumnAttribute(name, output, NextSlot, column, null, null, null, lists);
        }

        if (type is null or "integer")
        {
            if (_file.Integers(column) is { } integers)
            {
                return new ColumnAttribute(name, output, NextSlot, column, integers, null, null, null);
            }

            if (type is "integer")
            {
                int bad = Array.FindIndex(_file.Texts(column), t => !long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));
                throw _source.Error(spec, path, $"{_file.Path}:{CatalogueFile.LineOf(bad)}: '{_file.Texts(column)[bad]}' in column '{column}' is not an integer");
            }
        }

        if (type is null or "number")
        {
            if (_file.Numbers(column, out int bad) is { } numbers)
            {
                return new ColumnAttribute(name, output, NextSlot, column, null, numbers, null, null);
            }

            if (type is "number")
            {
                throw _source.Error(spec, path, $"{_file.Path}:{CatalogueFile.LineOf(bad)}: '{_file.Texts(column)[bad]}' in column '{column}' is not a number");
            }
        }

        return new ColumnAttribute(name, output, NextSlot, column, null, null, _file.Texts(column), null);
    }

    // inherit: artist_id.genres — the creators' attribute `genres`, through this entity's `world: creator` attribute.
    private InheritedAttribute Inherit(string name, bool output, YamlNode spec, string path)
    {
        string text = (spec as YamlScalarNode)?.Value ?? "";
        int dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            throw _source.Error(spec, path, $"expected <creator attribute>.<attribute of the creators>, e.g. artist_id.genres, got '{text}'");
        }

        AttributeDefinition link = Resolve(text[..dot], spec);
        if (link is not WorldAttribute { Kind: WorldValueKind.Creator } || _creators is null)
        {
            throw _source.Error(spec, path, $"'{text[..dot]}' is not a `world: creator` attribute");
        }

        AttributeDefinition source = _creators.Find(text[(dot + 1)..])
            ?? throw _source.Error(spec, path, $"the creators have no attribute '{text[(dot + 1)..]}' (they have {string.Join(", ", _creators.Attributes.Select(a => a.Name))})");
        return new InheritedAttribute(name, output, NextSlot, source, link.Slot);
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
            if (values.Count is 0 or > 65536)
            {
                throw r.Error("alpha", string.Create(CultureInfo.InvariantCulture, $"expected 1 to 65,536 concentrations, got {values.Count}"));
            }

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
}
