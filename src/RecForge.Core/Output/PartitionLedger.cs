using System.Text.Json;

namespace RecForge.Output;

/// <summary>
/// <c>_partitions/</c>: one small record per finished partition (its files, rows and SHA-256), written atomically
/// after the partition's files are in place. A rerun skips every partition whose record is valid, so a run killed at
/// any point resumes where it stopped and produces the same files as an uninterrupted run.
/// </summary>
internal sealed class PartitionLedger
{
    /// <summary>The ledger's folder inside an output directory.</summary>
    public const string DirectoryName = "_partitions";

    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };
    private readonly string _root;
    private readonly string _directory;
    private readonly string _runId;

    /// <summary>Opens the ledger of <paramref name="root"/> for the run identified by <paramref name="runId"/>.</summary>
    public PartitionLedger(string root, string runId)
    {
        _root = root;
        _directory = Path.Combine(root, DirectoryName);
        _runId = runId;
    }

    /// <summary>Whether the ledger holds records of a different run (another scenario, seed, format or version).</summary>
    public bool HasForeignRecords()
    {
        if (!Directory.Exists(_directory))
        {
            return false;
        }

        foreach (string file in Directory.GetFiles(_directory, "*.json"))
        {
            if (Read(file)?.RunId != _runId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The files of a partition finished by this run, if its record is valid and every file is present with its size.</summary>
    public IReadOnlyList<ManifestFile>? Completed(string table, int index)
    {
        string path = RecordPath(table, index);
        if (!File.Exists(path) || Read(path) is not { } record || record.RunId != _runId)
        {
            return null;
        }

        foreach (ManifestFile file in record.Files)
        {
            var info = new FileInfo(Path.Combine(_root, file.Path));
            if (!info.Exists || info.Length != file.Bytes)
            {
                return null;
            }
        }

        return record.Files;
    }

    /// <summary>Records a finished partition.</summary>
    public void Record(string table, int index, IReadOnlyList<ManifestFile> files)
    {
        Directory.CreateDirectory(_directory);
        using var file = new AtomicFile(RecordPath(table, index));
        File.WriteAllBytes(file.TemporaryPath, JsonSerializer.SerializeToUtf8Bytes(new PartitionRecord(_runId, files), Options));
        file.Commit(files.Sum(f => f.Rows));
    }

    /// <summary>Deletes the record of one partition (its files are about to be removed).</summary>
    public void Forget(string table, int index) => File.Delete(RecordPath(table, index));

    /// <summary>Deletes every record.</summary>
    public void Clear()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private string RecordPath(string table, int index) => Path.Combine(_directory, $"{table}-{index:D5}.json");

    private static PartitionRecord? Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<PartitionRecord>(File.ReadAllBytes(path), Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record PartitionRecord(string RunId, IReadOnlyList<ManifestFile> Files);
}
