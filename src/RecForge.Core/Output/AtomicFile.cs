namespace RecForge.Output;

/// <summary>
/// A file written under a temporary name next to its final name and renamed into place when complete, so a crash or
/// an error never leaves a partial file under a final name.
/// </summary>
public sealed class AtomicFile : IDisposable
{
    /// <summary>The suffix of files still being written; a rerun deletes leftovers with it.</summary>
    public const string TemporarySuffix = ".rftmp";

    private bool _completed;

    /// <summary>Prepares the file (creating its directory).</summary>
    public AtomicFile(string finalPath)
    {
        FinalPath = Path.GetFullPath(finalPath);
        Directory.CreateDirectory(Path.GetDirectoryName(FinalPath)!);
        TemporaryPath = FinalPath + TemporarySuffix;
    }

    /// <summary>Where the file ends up.</summary>
    public string FinalPath { get; }

    /// <summary>Where it is written meanwhile.</summary>
    public string TemporaryPath { get; }

    /// <summary>Renames the temporary file to its final name and describes it.</summary>
    public WrittenFile Commit(long rows)
    {
        string sha;
        long bytes;
        using (FileStream stream = File.OpenRead(TemporaryPath))
        {
            bytes = stream.Length;
            sha = FileChecksum.Sha256(stream);
        }

        File.Move(TemporaryPath, FinalPath, overwrite: true);
        _completed = true;
        return new WrittenFile(FinalPath, rows, bytes, sha);
    }

    /// <summary>Deletes the temporary file unless the file was committed.</summary>
    public void Dispose()
    {
        if (!_completed && File.Exists(TemporaryPath))
        {
            File.Delete(TemporaryPath);
        }
    }
}
