using RecForge.Output;

namespace RecForge.Connectors.Postgres.Loading;

/// <summary>Sends the rows of one table to the server inside the open transaction.</summary>
internal interface IRowSink : IDisposable
{
    /// <summary>Sends the rows of <paramref name="batch"/>.</summary>
    void Write(ColumnBatch batch);

    /// <summary>Sends whatever is buffered and finishes the statement; without it, disposing abandons the rows.</summary>
    void Complete();
}
