namespace RecForge.Output;

/// <summary>Writes batches of one table to one file. The file appears under its final name only on <see cref="Complete"/>.</summary>
public interface ITableWriter : IDisposable
{
    /// <summary>Appends the rows of <paramref name="batch"/>.</summary>
    void Write(ColumnBatch batch);

    /// <summary>Finishes the file, moves it to its final name and returns what was written.</summary>
    IReadOnlyList<WrittenFile> Complete();
}
