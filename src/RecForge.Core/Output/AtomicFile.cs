namespace RecForge.Output;

/// <summary>
/// A file written under a temporary name next to its final name and renamed into place when complete, so a crash or
/// an error never leaves a partial file under a final name.
/// </summary>
public sealed class AtomicFile : IDisposable
{
    /// <summary>The suffix of files still being written; a rerun deletes leftovers with it.</summary>
    public const string TemporarySuffix = ".rftmp";

    // Below this size a file is hashed after it is written: a thread per file would cost more than it saves in the
    // small files of a partitioned dataset.
    private const long TrailingChecksumBytes = 8 << 20;

    private bool _completed;
    private TrailingChecksum? _checksum;

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

    /// <summary>
    /// Tells the file that its writer has written more (call it after each batch, with the file open for appending
    /// only): once the temporary file passes 8 MB its SHA-256 is computed behind the writer on a thread of its own
    /// (<see cref="TrailingChecksum"/>), so <see cref="Commit"/> does not read it back.
    /// </summary>
    public void Grew()
    {
        if (_checksum is null && new FileInfo(TemporaryPath).Length >= TrailingChecksumBytes)
        {
            _checksum = new TrailingChecksum(TemporaryPath);
        }
    }

    /// <summary>Whether <see cref="Commit"/> had to read the file back (it was small, or could not be read while written).</summary>
    internal bool ReadBack { get; private set; }

    /// <summary>Renames the temporary file (closed by its writer) to its final name and describes it.</summary>
    public WrittenFile Commit(long rows)
    {
        string sha;
        long bytes;
        if (_checksum?.Complete() is { } trailing)
        {
            (bytes, sha) = trailing;
        }
        else
        {
            ReadBack = true;
            using FileStream stream = File.OpenRead(TemporaryPath);
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
        _checksum?.Dispose();
        if (!_completed && File.Exists(TemporaryPath))
        {
            File.Delete(TemporaryPath);
        }
    }
}
