using YamlDotNet.RepresentationModel;

namespace RecForge.Scenarios;

/// <summary>World values: popularity, taste clusters, preference profiles and embeddings.</summary>
internal sealed partial class AttributeReader
{
    private WorldAttribute World(string name, bool output, YamlNode spec, string path, MappingReader r)
    {
        string kind = (spec as YamlScalarNode)?.Value ?? throw _source.Error(spec, path, "expected popularity, taste_clusters, taste_cluster, preference_profile or embedding");
        switch (kind)
        {
            case "popularity":
                return new WorldAttribute(name, output, NextSlot, WorldValueKind.Popularity, null, null);
            case "taste_clusters":
                return new WorldAttribute(name, output, NextSlot, WorldValueKind.TasteClusters, null, null);
            case "taste_cluster":
                return new WorldAttribute(name, output, NextSlot, WorldValueKind.TasteCluster, null, null);
            case "creator":
                if (_creators is null || _items is not null)
                {
                    throw _source.Error(spec, path, "`world: creator` belongs to items, and needs a `creators:` section");
                }

                return new WorldAttribute(name, output, NextSlot, WorldValueKind.Creator, null, null,
                    new CreatorLink(r.Number("skew", 1.5, 0, 10, exclusiveMin: true), r.Number("noise", 0.5, 0, 5), _creators.IdFormat));
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
                throw _source.Error(spec, path, $"unknown world value '{kind}' (expected popularity, taste_clusters, taste_cluster, preference_profile or embedding)");
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
