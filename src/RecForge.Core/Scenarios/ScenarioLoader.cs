using System.Globalization;
using RecForge.Ids;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RecForge.Scenarios;

/// <summary>Loads scenario YAML into a validated <see cref="ScenarioDefinition"/>.</summary>
/// <remarks>The format is documented in <c>docs/scenarios.md</c>; <c>scenarios/media.yaml</c> is a complete example.</remarks>
internal static class ScenarioLoader
{
    /// <summary>Loads a scenario file, applying <c>key=value</c> overrides first.</summary>
    /// <exception cref="ScenarioException">The file is missing, malformed or invalid.</exception>
    public static ScenarioDefinition LoadFile(string path, IEnumerable<string>? overrides = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException($"{path}: cannot read the scenario file ({e.Message})");
        }

        return LoadText(text, path, overrides) with { File = Path.GetFullPath(path) };
    }

    /// <summary>Loads scenario text; <paramref name="fileName"/> is used in error messages.</summary>
    /// <exception cref="ScenarioException">The text is malformed or invalid.</exception>
    public static ScenarioDefinition LoadText(string text, string fileName, IEnumerable<string>? overrides = null)
    {
        var source = new SourceMap(fileName);
        var stream = new YamlStream();
        try
        {
            CheckDepth(text, fileName);
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            string detail = e.InnerException?.Message ?? e.Message;
            throw new ScenarioException(string.Create(CultureInfo.InvariantCulture, $"{fileName}:{e.Start.Line}:{e.Start.Column}: malformed YAML: {FirstLine(detail)}"));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's node loader sometimes fails without a position (e.g. an unclosed flow sequence);
            // replay the raw event stream to find where parsing stopped.
            Mark where = LastGoodMark(text);
            throw new ScenarioException(string.Create(CultureInfo.InvariantCulture, $"{fileName}:{where.Line}:{where.Column}: malformed YAML: unbalanced brackets or indentation near here"));
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ScenarioException($"{fileName}: expected a YAML mapping with name, world, items, users and events");
        }

        List<string> overrideList = [.. overrides ?? []];
        var scaling = TwinScaling.Of(root);
        ScenarioOverrides.Apply(root, overrideList, source);
        scaling?.Apply(root, overrideList);
        var r = new MappingReader(root, "", source);
        string name = r.RequireString("name");
        ulong seed = (ulong)r.Integer("seed", 42, 0);
        r.Get("description");
        FitDefinition? fit = r.Mapping("fit") is { } fitReader ? ReadFit(fitReader) : null;
        MappingReader? vocabulary = r.Mapping("vocabulary");

        MappingReader worldReader = r.RequireMapping("world");
        EntityDefinition? creators = r.Mapping("creators") is { } c ? ReadEntity(c, "creators", source, vocabulary, null, null) : null;
        EntityDefinition items = ReadEntity(r.RequireMapping("items"), "items", source, vocabulary, null, creators);
        EntityDefinition users = ReadEntity(r.RequireMapping("users"), "users", source, vocabulary, items, null);
        WorldDefinition world = WorldReader.Read(worldReader, items, users);
        EventDefinition events = EventReader.Read(r.RequireMapping("events"), users, items);
        OutputDefinition output = ReadOutput(r.Mapping("output"));
        QualityDefinition quality = ReadQuality(r.Mapping("quality"));
        EntityDefinition?[] entities = [items, users, creators];
        List<DerivedTableDefinition> derived = r.Mapping("tables") is { } t ? DerivedTableReader.Read(t, entities, events) : [];
        r.Finish();

        string[] names = [.. entities.OfType<EntityDefinition>().Select(e => e.Table), events.Table, .. derived.Select(d => d.Table)];
        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } clash)
        {
            throw new ScenarioException($"{fileName}: two tables are named '{clash.Key}'");
        }

        string canonical = overrideList.Count == 0 ? text : string.Concat(text, "\n# overrides\n", string.Join('\n', overrideList));
        foreach (EntityDefinition e in entities.OfType<EntityDefinition>())
        {
            // A catalogue file is part of the scenario: its bytes are in the checksum.
            canonical = e.File is { } f ? string.Concat(canonical, $"\n# {e.Role}.file sha256 {f.Sha256}") : canonical;
        }

        return new ScenarioDefinition(name, canonical, seed, world, items, users, events, output, quality, creators, derived) { Fit = fit, Overrides = overrideList };
    }

    private static FitDefinition ReadFit(MappingReader r)
    {
        string source = r.RequireString("source");
        long users = r.Integer("users", 0, 0);
        MappingReader? holdout = r.Mapping("holdout");
        double fraction = holdout?.Number("fraction", 0, 0, 1) ?? 0;
        ulong holdoutSeed = (ulong)(holdout?.Integer("seed", 42, 0) ?? 42);
        holdout?.Finish();
        double? epsilon = null, delta = null;
        bool seeded = false;
        if (r.Mapping("privacy") is { } privacy)
        {
            epsilon = privacy.RequireNumber("epsilon", 0, exclusiveMin: true);
            delta = privacy.RequireNumber("delta", 0, 1, exclusiveMin: true);
            privacy.Number("rho", 0, 0);
            seeded = privacy.Bool("seeded_noise", false);
            foreach (MappingReader release in privacy.MappingList("budget", "{ statistic: text, share: s, sensitivity: d, sigma: x }"))
            {
                release.RequireString("statistic");
                release.RequireNumber("share", 0, 1);
                release.RequireNumber("sensitivity", 0);
                release.RequireNumber("sigma", 0);
                release.Finish();
            }

            privacy.Finish();
        }

        r.Finish();
        return new FitDefinition(source, users, fraction, holdoutSeed, epsilon, delta, seeded);
    }

    private static QualityDefinition ReadQuality(MappingReader? r)
    {
        if (r is null)
        {
            return QualityDefinition.Default;
        }

        var entropy = new List<(string, double)>();
        if (r.Mapping("entropy") is { } e)
        {
            foreach (var (key, _) in e.Entries())
            {
                entropy.Add((key, e.RequireNumber(key, 0)));
            }

            e.Finish();
        }

        var quality = new QualityDefinition(ReadShare(r.Mapping("top_users")), ReadShare(r.Mapping("top_items")), entropy,
            r.Number("largest_component", QualityDefinition.Default.LargestComponent, 0, 1),
            r.Number("share_tolerance", QualityDefinition.Default.ShareTolerance, 0, 1, exclusiveMin: true),
            r.Number("rating_tolerance", QualityDefinition.Default.RatingTolerance, 0, 1, exclusiveMin: true));
        r.Finish();
        return quality;
    }

    private static ShareTarget? ReadShare(MappingReader? r)
    {
        if (r is null)
        {
            return null;
        }

        double fraction = r.RequireNumber("fraction", 0, 1, exclusiveMin: true);
        double min = r.RequireNumber("min", 0, 1), max = r.RequireNumber("max", 0, 1);
        if (max < min)
        {
            throw r.Error("max", $"must be >= min ({min.ToString(CultureInfo.InvariantCulture)}), got {max.ToString(CultureInfo.InvariantCulture)}");
        }

        r.Finish();
        return new ShareTarget(fraction, min, max);
    }

    private static EntityDefinition ReadEntity(MappingReader r, string role, SourceMap source, MappingReader? vocabulary, EntityDefinition? items, EntityDefinition? creators)
    {
        string table = r.String("table", role)!;
        CatalogueFile? file = ReadFile(r, source);
        long count = r.Integer("count", file?.Rows ?? 1000, 1);
        if (file is not null && count != file.Rows)
        {
            throw r.Error("count", string.Create(CultureInfo.InvariantCulture, $"the {role} come from {file.Path} ({file.Rows:N0} rows), so the count cannot be {count:N0}"));
        }

        MappingReader id = r.RequireMapping("id");
        string idColumn = id.String("column", role == "items" ? "item_id" : role == "users" ? "user_id" : "creator_id")!;
        IdFormat format;
        if (id.String("from", null) is { } from)
        {
            format = file is null ? throw id.Error("from", "ids come from a column only for an entity read from a file (`file:`)")
                : !file.Has(from) ? throw id.Error("from", $"{file.Path} has no column '{from}' (it has {string.Join(", ", file.Header)})")
                : id.Has("format") ? throw id.Error("format", "ids read from a column have that column's values; remove `format`")
                : ListedIds(file, from, id);
        }
        else
        {
            try
            {
                format = IdFormat.Parse(id.String("format", "int64")!);
            }
            catch (FormatException e)
            {
                throw id.Error("format", e.Message);
            }
        }

        id.Finish();
        var reader = new AttributeReader(r.RequireMapping("attributes"), source, vocabulary, items, creators, file, idColumn);
        var attributes = reader.ReadAll();
        var partitionBy = new List<string>();
        if (r.Sequence("partition_by") is { } partitions)
        {
            foreach (YamlNode node in partitions.Children)
            {
                string column = (node as YamlScalarNode)?.Value ?? "";
                AttributeDefinition? a = attributes.FirstOrDefault(x => x.Name == column);
                if (a is null || !a.Output || a is not (CategoryAttribute or NumberAttribute { Integer: true } or ExpressionAttribute))
                {
                    throw source.Error(node, r.Child("partition_by"), $"'{column}' must be an output categorical, integer or expression attribute");
                }

                partitionBy.Add(column);
            }
        }

        r.Finish();
        return new EntityDefinition(role, table, count, idColumn, format, attributes, partitionBy, reader.DeclaredNames) { File = file };
    }

    // file: movies.csv — a CSV catalogue, relative to the scenario file.
    private static CatalogueFile? ReadFile(MappingReader r, SourceMap source)
    {
        if (r.String("file", null) is not { } relative)
        {
            return null;
        }

        string path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(source.FileName)) ?? ".", relative);
        try
        {
            return CatalogueFile.Read(path);
        }
        catch (InvalidDataException e)
        {
            throw r.Error("file", e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw r.Error("file", $"cannot read {path} ({e.Message})");
        }
    }

    private static IdFormat ListedIds(CatalogueFile file, string column, MappingReader id)
    {
        long[]? numbers = file.Integers(column);
        string[] texts = file.Texts(column);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < texts.Length; i++)
        {
            if (!seen.Add(texts[i]))
            {
                throw id.Error("from", $"{file.Path}:{CatalogueFile.LineOf(i)}: id '{texts[i]}' appears twice in column '{column}'");
            }
        }

        return numbers is not null ? IdFormat.FromValues(numbers) : IdFormat.FromValues(texts);
    }

    private static OutputDefinition ReadOutput(MappingReader? r)
    {
        if (r is null)
        {
            return new OutputDefinition("parquet", 1 << 20, 1 << 20);
        }

        string format = r.String("format", "parquet")!;
        if (format is not ("parquet" or "csv" or "jsonl" or "json"))
        {
            throw r.Error("format", $"expected parquet, csv, jsonl or json, got '{format}'");
        }

        var output = new OutputDefinition(format, (int)r.Integer("row_group_rows", 1 << 20, 1024, 1 << 26), r.Integer("partition_rows", 1 << 20, 1));

        // ground_truth: true (the default list length) or { top_k: K }.
        if (r.Get("ground_truth") is YamlDotNet.RepresentationModel.YamlMappingNode && r.Mapping("ground_truth") is { } truth)
        {
            output = output with { GroundTruthTopK = (int)truth.Integer("top_k", Truth.GroundTruth.DefaultTopK, 1, 100_000) };
            truth.Finish();
        }
        else if (r.Bool("ground_truth", false))
        {
            output = output with { GroundTruthTopK = Truth.GroundTruth.DefaultTopK };
        }

        r.Finish();
        return output;
    }

    /// <summary>Most levels of nested mappings and sequences in a scenario (the loader recurses once per level).</summary>
    public const int MaxDepth = 64;

    // The node loader recurses per level, so a hostile file nested 50,000 deep would overflow the stack: the flat
    // event stream is read first and such a file refused.
    private static void CheckDepth(string text, string fileName)
    {
        var parser = new Parser(new StringReader(text));
        int depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart:
                    if (++depth > MaxDepth)
                    {
                        throw new ScenarioException(string.Create(CultureInfo.InvariantCulture, $"{fileName}:{parser.Current.Start.Line}:{parser.Current.Start.Column}: nested more than {MaxDepth} levels deep"));
                    }

                    break;
                case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                    depth--;
                    break;
            }
        }
    }

    private static Mark LastGoodMark(string text)
    {
        var parser = new Parser(new StringReader(text));
        Mark last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                last = parser.Current!.Start;
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            return e is YamlException y ? y.Start : last;
        }

        return last;
    }

    private static string FirstLine(string text)
    {
        int nl = text.IndexOf('\n', StringComparison.Ordinal);
        return nl < 0 ? text : text[..nl];
    }
}
