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
        double[]? weights = popularity?.String("column", null) is { } weightColumn ? Weights(popularity, weightColumn, items) : null;
        if (weights is not null && popularity!.Has("exponent"))
        {
            throw popularity.Error("exponent", "popularity comes either from a Zipf exponent or from a column, not both");
        }

        popularity?.Finish();
        float[]? positions = r.Mapping("item_positions") is { } positionsReader ? Positions(positionsReader, items, dims) : null;
        MappingReader? creatorPopularity = r.Mapping("creator_popularity");
        double creatorExponent = creatorPopularity?.Number("exponent", 1.0, 0, 10, exclusiveMin: true) ?? 1.0;
        creatorPopularity?.Finish();
        MappingReader? affinity = r.Mapping("affinity");
        double sharpness = affinity?.Number("sharpness", 8, 0, exclusiveMin: true) ?? 8;
        double midpoint = affinity?.Number("midpoint", 0.25, -1, 1) ?? 0.25;
        affinity?.Finish();

        MappingReader? perUser = r.Mapping("clusters_per_user");
        int min = (int)(perUser?.Integer("min", 1, 1, 64) ?? 1);
        bool explicitMax = perUser?.Has("max") ?? false;
        int max = (int)(perUser?.Integer("max", 3, min, 64) ?? 3);
        string mix = perUser?.String("mix", "position") ?? "position";
        if (mix is not ("position" or "picks"))
        {
            throw perUser!.Error("mix", $"expected position (one position mixing the clusters) or picks (one interest per cluster), got '{mix}'");
        }

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
            float[]? centroid = c.Sequence("centroid") is { } centroidNode ? Floats(c, "centroid", centroidNode, dims, -1e6) : null;
            float[]? spread = c.Get("spread") switch
            {
                null => null,
                YamlSequenceNode seq => Floats(c, "spread", seq, dims, 0),
                _ => [.. Enumerable.Repeat((float)c.Number("spread", 0, 0), dims)],
            };
            var axes = new List<float[]>();
            if (c.Get("axes") is { } axesNode)
            {
                if (axesNode is not YamlSequenceNode axisList || axisList.Children.Any(a => a is not YamlSequenceNode))
                {
                    throw c.Error("axes", $"expected a list of axes, each a list of {dims} numbers");
                }

                foreach (YamlNode axis in axisList.Children)
                {
                    axes.Add(Floats(c, "axes", (YamlSequenceNode)axis, dims, -1e6));
                }
            }

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

            if (centroid is not null && likes.Count > 0)
            {
                throw c.Error("centroid", "a cluster is placed either by `likes` or by an explicit `centroid`, not both");
            }

            c.Finish();
            clusters.Add(new TasteClusterDefinition(name, weight, likes) { Centroid = centroid, Spread = spread, Axes = axes });
        }

        if (!latentUsers && (clusters.Count == 0 || clusters.Sum(c => c.Weight) <= 0))
        {
            throw r.Error("taste_clusters", "needs at least one cluster with a positive weight");
        }

        // The default (up to 3 clusters a user) shrinks to a world with fewer clusters; a written max must fit.
        if (!latentUsers && !explicitMax && max > clusters.Count)
        {
            max = Math.Max(min, clusters.Count);
        }

        if (!latentUsers && max > clusters.Count)
        {
            throw r.Error("clusters_per_user", $"max ({max}) exceeds the number of taste clusters ({clusters.Count})");
        }

        r.Finish();
        return new WorldDefinition(dims, itemNoise, userNoise, exponent, sharpness, midpoint, clusters, min, max, stratify, creatorExponent)
        {
            PopularityWeights = weights,
            ItemPositions = positions,
            MixByPicks = mix == "picks",
        };
    }

    // popularity: { column: weight } — relative choice weights of a catalogue file's items.
    private static double[] Weights(MappingReader r, string column, EntityDefinition items)
    {
        CatalogueFile file = items.File ?? throw r.Error("column", "popularity comes from a column only when the items are read from a file (`items.file`)");
        if (!file.Has(column))
        {
            throw r.Error("column", $"{file.Path} has no column '{column}' (it has {string.Join(", ", file.Header)})");
        }

        double[] weights = file.Numbers(column, out int bad) ?? throw r.Error("column", $"{file.Path}:{CatalogueFile.LineOf(bad)}: '{file.Texts(column)[bad]}' in column '{column}' is not a number");
        int negative = Array.FindIndex(weights, w => w < 0);
        if (negative >= 0 || weights.Sum() <= 0)
        {
            throw r.Error("column", negative >= 0
                ? $"{file.Path}:{CatalogueFile.LineOf(negative)}: popularity weight {weights[negative].ToString(System.Globalization.CultureInfo.InvariantCulture)} is negative"
                : $"{file.Path}: every popularity weight in column '{column}' is 0");
        }

        return weights;
    }

    // item_positions: { column: position } — each item's taste position, latent_dimensions space-separated numbers.
    private static float[] Positions(MappingReader r, EntityDefinition items, int dims)
    {
        string column = r.RequireString("column");
        CatalogueFile file = items.File ?? throw r.Error("column", "item positions come from a column only when the items are read from a file (`items.file`)");
        if (!file.Has(column))
        {
            throw r.Error("column", $"{file.Path} has no column '{column}' (it has {string.Join(", ", file.Header)})");
        }

        float[] positions = file.Vectors(column, dims, out int bad)
            ?? throw r.Error("column", $"{file.Path}:{CatalogueFile.LineOf(bad)}: column '{column}' needs {dims} numbers separated by spaces (latent_dimensions)");
        r.Finish();
        for (int i = 0; i < file.Rows; i++)
        {
            World.VectorMath.Normalize(positions.AsSpan(i * dims, dims));
        }

        return positions;
    }

    private static float[] Floats(MappingReader r, string key, YamlSequenceNode node, int dims, double min)
    {
        if (node.Children.Count != dims)
        {
            throw r.Error(key, $"expected {dims} numbers (latent_dimensions), got {node.Children.Count}");
        }

        var values = new float[dims];
        for (int i = 0; i < dims; i++)
        {
            values[i] = (float)r.Source.Number(node.Children[i], $"{r.Child(key)}[{i}]", min, double.PositiveInfinity, false);
        }

        return values;
    }
}
