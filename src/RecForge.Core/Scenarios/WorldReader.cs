using YamlDotNet.RepresentationModel;

namespace RecForge.Scenarios;

/// <summary>Reads the <c>world</c> section: latent space, popularity, affinity and taste clusters.</summary>
internal static class WorldReader
{
    public static WorldDefinition Read(MappingReader r, EntityDefinition items, EntityDefinition users)
    {
        int dims = (int)r.Integer("latent_dimensions", 32, 2, 1024);
        double itemNoise = r.Number("item_noise", 0.35, 0);
        double userNoise = r.Number("user_noise", 0.25, 0);
        MappingReader? popularity = r.Mapping("popularity");
        double exponent = popularity?.Number("exponent", 1.0, 0, 10, exclusiveMin: true) ?? 1.0;
        popularity?.Finish();
        MappingReader? creatorPopularity = r.Mapping("creator_popularity");
        double creatorExponent = creatorPopularity?.Number("exponent", 1.0, 0, 10, exclusiveMin: true) ?? 1.0;
        creatorPopularity?.Finish();
        MappingReader? affinity = r.Mapping("affinity");
        double sharpness = affinity?.Number("sharpness", 8, 0, exclusiveMin: true) ?? 8;
        double midpoint = affinity?.Number("midpoint", 0.25, -1, 1) ?? 0.25;
        affinity?.Finish();

        MappingReader? perUser = r.Mapping("clusters_per_user");
        int min = (int)(perUser?.Integer("min", 1, 1, 64) ?? 1);
        int max = (int)(perUser?.Integer("max", 3, min, 64) ?? 3);
        perUser?.Finish();

        bool stratify = r.Bool("stratify_clusters", false);
        var clusters = new List<TasteClusterDefinition>();
        // Users whose own attributes place them in taste space (a latent set such as music's genre preferences) need no clusters.
        bool latentUsers = users.Attributes.Any(a => a is CategoryAttribute { LatentWeight: > 0 } or SetAttribute { LatentWeight: > 0 });
        MappingReader? list = latentUsers ? r.Mapping("taste_clusters") : r.RequireMapping("taste_clusters");
        foreach (var (name, node) in list?.Entries() ?? [])
        {
            if (node is not YamlMappingNode m)
            {
                throw list!.Error(name, "expected { weight: w, likes: { attribute: [values] } }");
            }

            var c = new MappingReader(m, list!.Child(name), list.Source);
            double weight = c.Number("weight", 1, 0);
            var likes = new List<(CategoryAttribute, int)>();
            // A cluster without likes has no preferred categories: its users' positions are pure noise ("general users").
            MappingReader? likesReader = c.Mapping("likes");
            foreach (var (attributeName, values) in likesReader?.Entries() ?? [])
            {
                if (items.Find(attributeName) is not CategoryAttribute attribute)
                {
                    throw likesReader!.Error(attributeName, $"'{attributeName}' is not a categorical item attribute");
                }

                if (values is not YamlSequenceNode seq)
                {
                    throw likesReader!.Error(attributeName, "expected a list of values");
                }

                foreach (YamlNode v in seq.Children)
                {
                    string value = (v as YamlScalarNode)?.Value ?? "";
                    int matched = 0;
                    for (int i = 0; i < attribute.Categories.Count; i++)
                    {
                        if (attribute.Categories[i].Value == value || attribute.Categories[i].Group == value)
                        {
                            likes.Add((attribute, i));
                            matched++;
                        }
                    }

                    if (matched == 0)
                    {
                        throw likesReader!.Error(attributeName, $"'{value}' is not a value of '{attributeName}'");
                    }
                }
            }

            c.Finish();
            clusters.Add(new TasteClusterDefinition(name, weight, likes));
        }

        if (!latentUsers && (clusters.Count == 0 || clusters.Sum(c => c.Weight) <= 0))
        {
            throw r.Error("taste_clusters", "needs at least one cluster with a positive weight");
        }

        if (!latentUsers && max > clusters.Count)
        {
            throw r.Error("clusters_per_user", $"max ({max}) exceeds the number of taste clusters ({clusters.Count})");
        }

        r.Finish();
        return new WorldDefinition(dims, itemNoise, userNoise, exponent, sharpness, midpoint, clusters, min, max, stratify, creatorExponent);
    }
}
