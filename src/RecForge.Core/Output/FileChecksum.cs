using System.Security.Cryptography;

namespace RecForge.Output;

/// <summary>The SHA-256 the manifest records for each file (lower-case hex).</summary>
internal static class FileChecksum
{
    /// <summary>Hashes the stream from its current position to the end.</summary>
    public static string Sha256(Stream stream) => Convert.ToHexStringLower(SHA256.HashData(stream));

    /// <summary>Hashes a whole file.</summary>
    public static string Sha256(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Sha256(stream);
    }
}
