namespace RecForge.Output;

/// <summary>A file of the manifest.</summary>
/// <param name="Path">Path relative to the output directory, with forward slashes.</param>
/// <param name="Rows">Rows in the file.</param>
/// <param name="Bytes">Size.</param>
/// <param name="Sha256">Checksum.</param>
public sealed record ManifestFile(string Path, long Rows, long Bytes, string Sha256);
