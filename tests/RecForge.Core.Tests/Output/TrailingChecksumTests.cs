using System.Security.Cryptography;
using RecForge.Output;

namespace RecForge.Core.Tests.Output;

/// <summary>The checksum computed behind a writer equals the SHA-256 of the finished file, however the writes arrive.</summary>
public sealed class TrailingChecksumTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("recforge-checksum-").FullName;

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(3 << 20, 0)]
    [InlineData(3 << 20, 2)]
    [InlineData((1 << 20) + 7, 1)]
    public void Equals_the_hash_of_the_finished_file(int bytes, int pauseMs)
    {
        // Given a file written in uneven pieces (some larger than the hasher's 1 MB reads, some a few bytes), with pauses
        // that let the hasher catch up with the writer and wait
        string path = Path.Combine(_dir, "file.bin");
        var data = new byte[bytes];
        new Random(42).NextBytes(data);
        (long Bytes, string Sha256)? result;
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0))
        using (var checksum = new TrailingChecksum(path))
        {
            var rng = new Random(7);
            int written = 0;
            while (written < bytes)
            {
                int n = Math.Min(bytes - written, rng.Next(2) == 0 ? rng.Next(1, 64) : rng.Next(1, 3 << 20));
                stream.Write(data, written, n);
                written += n;
                if (pauseMs > 0)
                {
                    Thread.Sleep(pauseMs);
                }
            }

            stream.Dispose();

            // When the writer is done
            result = checksum.Complete();
        }

        // Then the length and SHA-256 are those of the whole file
        Assert.NotNull(result);
        Assert.Equal(bytes, result.Value.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), result.Value.Sha256);
    }

    [Fact]
    public void A_large_parquet_style_file_is_committed_with_the_hash_of_its_bytes()
    {
        // Given an atomic file that grows past 8 MB, told so after each piece as a table writer does
        string path = Path.Combine(_dir, "table.bin");
        var data = new byte[20 << 20];
        new Random(1).NextBytes(data);
        using var file = new AtomicFile(path);
        using (var stream = new FileStream(file.TemporaryPath, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0))
        {
            for (int offset = 0; offset < data.Length; offset += 4 << 20)
            {
                stream.Write(data, offset, 4 << 20);
                file.Grew();
            }
        }

        // When it is committed
        WrittenFile written = file.Commit(rows: 5);

        // Then it was hashed behind the writer, not read back; the manifest's hash and length are the file's, and the file
        // is under its final name
        Assert.False(file.ReadBack);
        Assert.Equal(data.Length, written.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), written.Sha256);
        Assert.Equal(written.Sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
        Assert.False(File.Exists(file.TemporaryPath));
    }

    [Fact]
    public void A_small_file_is_read_back_once_written()
    {
        // Given an atomic file that stays under 8 MB
        string path = Path.Combine(_dir, "small.bin");
        var data = new byte[1 << 20];
        new Random(3).NextBytes(data);
        using var file = new AtomicFile(path);
        File.WriteAllBytes(file.TemporaryPath, data);
        file.Grew();

        // When it is committed, then it is read back (no thread for a small file) and described alike
        WrittenFile written = file.Commit(rows: 1);
        Assert.True(file.ReadBack);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), written.Sha256);
    }

    [Fact]
    public void A_large_file_given_up_half_way_leaves_nothing_behind()
    {
        // Given an atomic file past 8 MB whose checksum is running behind the writer
        string path = Path.Combine(_dir, "abandoned.bin");
        var file = new AtomicFile(path);
        using (var stream = new FileStream(file.TemporaryPath, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0))
        {
            stream.Write(new byte[12 << 20]);
            file.Grew();
        }

        // When the writer fails and the file is disposed without a commit (as after a full disk)
        file.Dispose();

        // Then the hashing thread stops and neither the temporary nor the final file is left
        Assert.False(File.Exists(file.TemporaryPath));
        Assert.False(File.Exists(path));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
