using System.Diagnostics;
using System.Globalization;
using RecForge.Generation;

namespace RecForge.Output;

/// <summary>
/// Keeps two runs from writing one output folder at once. A whole run holds <c>.recforge.lock</c> exclusively; a
/// shard holds it shared (shards of one run write side by side) plus an exclusive byte-range lock on its own byte, so
/// the same shard cannot run twice. Both are the operating system's locks (an open file with
/// <see cref="FileShare.None"/> is an advisory <c>flock</c> on Unix, <see cref="FileStream.Lock"/> a record lock),
/// so the lock of a process that died — even by <c>kill -9</c> — is released by the kernel and the next run takes over.
/// </summary>
internal sealed class OutputLock : IDisposable
{
    /// <summary>The lock file's name inside an output folder (an empty file that stays).</summary>
    public const string FileName = ".recforge.lock";

    private const string OwnerFileName = ".recforge.owner";
    private readonly string _root;
    private FileStream? _held;

    private OutputLock(string root)
    {
        _root = root;
    }

    /// <summary>Takes the folder's lock (for shard <paramref name="shard"/>, or for the whole run when it is negative).</summary>
    /// <exception cref="OutputException">Another run holds the folder; the message names it and the process.</exception>
    public static OutputLock Acquire(string root, int shard = -1)
    {
        Directory.CreateDirectory(root);
        var result = new OutputLock(root);
        string path = Path.Combine(root, FileName);
        try
        {
            result._held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, shard < 0 ? FileShare.None : FileShare.ReadWrite);
            // macOS has no record locks through .NET: there only the whole-run lock applies.
            if (shard >= 0 && !OperatingSystem.IsMacOS())
            {
                result._held.Lock(shard, 1);
            }
        }
        catch (IOException) when (File.Exists(path))
        {
            result.Dispose();
            throw new OutputException($"{root}: another RecForge run is writing this folder ({Owner(root)}); wait for it to finish or use another --out");
        }

        File.WriteAllText(Path.Combine(root, OwnerFileName), string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId} {DateTime.UtcNow:O}\n"));
        return result;
    }

    /// <summary>Releases the lock (the lock file stays: deleting it would let a waiting run lock a file nobody else sees).</summary>
    public void Dispose()
    {
        if (_held is null)
        {
            return;
        }

        try
        {
            File.Delete(Path.Combine(_root, OwnerFileName));
        }
        catch (IOException)
        {
            // Only a hint for error messages; a stale one names a dead process.
        }

        _held.Dispose();
        _held = null;
    }

    private static string Owner(string root)
    {
        try
        {
            string[] fields = File.ReadAllText(Path.Combine(root, OwnerFileName)).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (fields.Length > 0 && int.TryParse(fields[0], CultureInfo.InvariantCulture, out int pid))
            {
                string name = "";
                try
                {
                    using var process = Process.GetProcessById(pid);
                    name = " " + process.ProcessName;
                }
                catch (ArgumentException)
                {
                    // Not visible from here (another machine or container).
                }

                return string.Create(CultureInfo.InvariantCulture, $"process {pid}{name}{(fields.Length > 1 ? ", since " + fields[1] : "")}");
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return "process unknown";
    }
}
