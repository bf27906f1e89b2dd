namespace RecForge.Output;

/// <summary>A finished output file.</summary>
/// <param name="Path">Full path.</param>
/// <param name="Rows">Rows in the file.</param>
/// <param name="Bytes">File size.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's bytes.</param>
public sealed record WrittenFile(string Path, long Rows, long Bytes, string Sha256);
