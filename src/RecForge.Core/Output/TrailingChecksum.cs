using System.Buffers;
using System.Security.Cryptography;

namespace RecForge.Output;

/// <summary>
/// The SHA-256 of a file that another writer is still appending to, computed on a thread of its own: it reads the
/// file behind the writer (from the page cache) and hashes what it reads, so when the writer is done only the last
/// few bytes are left. A writer that only appends (none of RecForge's formats seeks back; Parquet writes its footer
/// last) never changes bytes the hash has read.
/// </summary>
/// <remarks>
/// Reading the finished file back and hashing it on the generating thread was ~9% of a one-thread catalogue run with
/// 1,024-d vectors (perf: libcrypto 8.3%, the read 0.5%; docs/benchmarks.md, issue 19); this moves it to a spare core.
/// </remarks>
internal sealed class TrailingChecksum : IDisposable
{
    private readonly string _path;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _finished = new();
    private volatile bool _stop;
    private string? _sha256;
    private long _bytes;

    /// <summary>Starts hashing <paramref name="path"/>, which must exist.</summary>
    public TrailingChecksum(string path)
    {
        _path = path;
        _thread = new Thread(Run) { IsBackground = true, Name = "RecForge checksum" };
        _thread.Start();
    }

    /// <summary>
    /// Called once the writer has closed the file: hashes the rest and returns the file's length and SHA-256, or null
    /// when the file could not be read while it was written (a platform that locks it): then hash it afterwards.
    /// </summary>
    public (long Bytes, string Sha256)? Complete()
    {
        _finished.Set();
        _thread.Join();
        return _sha256 is null ? null : (_bytes, _sha256);
    }

    /// <summary>Stops the thread without a result (the file is being discarded).</summary>
    public void Dispose()
    {
        _stop = true;
        _finished.Set();
        _thread.Join();
        _finished.Dispose();
    }

    private void Run()
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(FileChecksum.ReadBytes);
        try
        {
            using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long read = 0;
            while (!_stop)
            {
                // Read only up to the length seen before the read: bytes below it are written and final.
                bool done = _finished.IsSet;
                long length = stream.Length;
                if (read < length)
                {
                    int n = stream.Read(buffer, 0, (int)Math.Min(FileChecksum.ReadBytes, length - read));
                    if (n == 0)
                    {
                        // Shorter than its length said (truncated under us): no result, the file is read back instead.
                        return;
                    }

                    hash.AppendData(buffer, 0, n);
                    read += n;
                    continue;
                }

                if (done)
                {
                    _bytes = read;
                    _sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
                    return;
                }

                // Behind the writer by less than a read: wait for more (or for the end) rather than spin.
                _finished.Wait(2);
            }
        }
        catch (IOException)
        {
            // No result: Complete returns null and the file is read back once written.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
