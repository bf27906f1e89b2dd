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
    /// <summary>The manifest's file name inside an output directory.</summary>
    public const string FileName = "_manifest.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        IndentSize = 2,
    };

    /// <summary>Writes the manifest atomically into <paramref name="directory"/>.</summary>
    public void Save(string directory)
    {
        using var file = new AtomicFile(Path.Combine(directory, FileName));
        File.WriteAllBytes(file.TemporaryPath, JsonSerializer.SerializeToUtf8Bytes(this, Options));
        file.Commit(0);
    }

    /// <summary>Reads the manifest of <paramref name="directory"/>.</summary>
    public static Manifest Load(string directory)
        => JsonSerializer.Deserialize<Manifest>(File.ReadAllBytes(Path.Combine(directory, FileName)), Options)
           ?? throw new InvalidDataException($"{Path.Combine(directory, FileName)} is empty");
}

/// <summary>A table of the manifest.</summary>
/// <param name="Name">Table name.</param>
/// <param name="Rows">Total rows.</param>
/// <param name="Files">Its files, sorted by path.</param>
public sealed record ManifestTable(string Name, long Rows, IReadOnlyList<ManifestFile> Files);

/// <summary>A file of the manifest.</summary>
/// <param name="Path">Path relative to the output directory, with forward slashes.</param>
/// <param name="Rows">Rows in the file.</param>
/// <param name="Bytes">Size.</param>
/// <param name="Sha256">Checksum.</param>
public sealed record ManifestFile(string Path, long Rows, long Bytes, string Sha256);
