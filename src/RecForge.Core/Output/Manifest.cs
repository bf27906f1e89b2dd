using System.Text.Json;

namespace RecForge.Output;

/// <summary>
/// <c>_manifest.json</c>: what a run produced — scenario, seed, sizes, RecForge version, and every file with its
/// row count and SHA-256. It has no timestamps, so the same run twice gives the same manifest byte for byte.
/// </summary>
/// <param name="RecForgeVersion">Version of the generator.</param>
/// <param name="Scenario">Scenario name.</param>
/// <param name="ScenarioSha256">Checksum of the scenario text including overrides.</param>
/// <param name="Seed">Master seed.</param>
/// <param name="Format">Output format.</param>
/// <param name="Tables">Tables with their files.</param>
public sealed record Manifest(string RecForgeVersion, string Scenario, string ScenarioSha256, ulong Seed, string Format, IReadOnlyList<ManifestTable> Tables)
{
    /// <summary>The scenario YAML file the run was generated from (relative to the dataset folder), or null for a built-in scenario.</summary>
    public string? ScenarioFile { get; init; }

    /// <summary>The <c>path=value</c> overrides applied to the scenario (null when none).</summary>
    public IReadOnlyList<string>? ScenarioOverrides { get; init; }

    /// <summary>How embeddings were stored (<c>float16</c> or <c>none</c>; null for the default float32).</summary>
    public string? EmbeddingStorage { get; init; }

    /// <summary>The sentence model that encoded embedding text blocks (e.g. <c>minilm</c>; null for the default hashed encoder).</summary>
    public string? TextEncoder { get; init; }

    /// <summary>The truth behind the data (<c>--ground-truth</c>): the affinity function, its parameters and the oracle; null without.</summary>
    public ManifestGroundTruth? GroundTruth { get; init; }

    /// <summary>The manifest's file name inside an output directory.</summary>
    public const string FileName = "_manifest.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        IndentSize = 2,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The manifest file name of one shard of a sharded run.</summary>
    public static string ShardFileName(int index, int count) => $"_manifest.shard-{index}-of-{count}.json";

    /// <summary>Writes the manifest atomically into <paramref name="directory"/>.</summary>
    public void Save(string directory, string fileName = FileName)
    {
        using var file = new AtomicFile(Path.Combine(directory, fileName));
        File.WriteAllBytes(file.TemporaryPath, JsonSerializer.SerializeToUtf8Bytes(this, Options));
        file.Commit(0);
    }

    /// <summary>Reads the manifest of <paramref name="directory"/>.</summary>
    /// <exception cref="InvalidDataException">It is unreadable, not a manifest, or names a file outside <paramref name="directory"/>.</exception>
    public static Manifest Load(string directory, string fileName = FileName)
    {
        string path = Path.Combine(directory, fileName);
        Manifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<Manifest>(File.ReadAllBytes(path), Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a RecForge manifest ({e.Message.Split('\n')[0]})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot read ({e.Message})");
        }

        if (manifest?.Tables is null || manifest.Format is null || manifest.Scenario is null)
        {
            throw new InvalidDataException($"{path}: not a RecForge manifest (scenario, format and tables are required)");
        }

        // Every file must lie inside the dataset folder: a manifest is input, and "../../etc/passwd" is not a table.
        string root = Path.GetFullPath(directory) + Path.DirectorySeparatorChar;
        foreach (ManifestTable table in manifest.Tables)
        {
            foreach (ManifestFile file in table?.Files ?? [])
            {
                if (file?.Path is not { Length: > 0 } relative || Path.IsPathRooted(relative)
                    || !Path.GetFullPath(Path.Combine(root, relative)).StartsWith(root, StringComparison.Ordinal))
                {
                    throw new InvalidDataException($"{path}: table '{table?.Name}' lists a file outside the dataset folder ({file?.Path})");
                }
            }

            if (table?.Name is null || table.Files is null)
            {
                throw new InvalidDataException($"{path}: a table without a name or files");
            }
        }

        return manifest;
    }

    /// <summary>Joins the manifests of the shards of one run into the manifest a single process would have written.</summary>
    /// <exception cref="InvalidDataException">The manifests belong to different runs.</exception>
    public static Manifest Merge(IReadOnlyList<Manifest> shards)
    {
        Manifest first = shards[0];
        foreach (Manifest m in shards)
        {
            if (m with { Tables = first.Tables, ScenarioOverrides = first.ScenarioOverrides } != first
                || !(m.ScenarioOverrides ?? []).SequenceEqual(first.ScenarioOverrides ?? [])
                || !m.Tables.Select(t => t.Name).SequenceEqual(first.Tables.Select(t => t.Name)))
            {
                throw new InvalidDataException("the shard manifests belong to different runs (scenario, seed, format, version or tables differ)");
            }
        }

        return first with
        {
            Tables = [.. first.Tables.Select((table, i) =>
            {
                var files = shards.SelectMany(s => s.Tables[i].Files).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
                return table with { Rows = files.Sum(f => f.Rows), Files = files };
            })],
        };
    }
}
