namespace RecForge.Output;

/// <summary>Writes batches of one table to one file. The file appears under its final name only on <see cref="Complete"/>.</summary>
public interface ITableWriter : IDisposable
{
    /// <summary>Appends the rows of <paramref name="batch"/>.</summary>
    void Write(ColumnBatch batch);

    /// <summary>Finishes the file, moves it to its final name and returns what was written.</summary>
    IReadOnlyList<WrittenFile> Complete();
}

/// <summary>A finished output file.</summary>
/// <param name="Path">Full path.</param>
/// <param name="Rows">Rows in the file.</param>
/// <param name="Bytes">File size.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's bytes.</param>
public sealed record WrittenFile(string Path, long Rows, long Bytes, string Sha256);
