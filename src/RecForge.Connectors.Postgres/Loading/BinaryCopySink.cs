using Npgsql;
using RecForge.Output;

namespace RecForge.Connectors.Postgres.Loading;

/// <summary>Streams rows with <c>COPY … FROM STDIN (FORMAT BINARY)</c>, the fastest way into PostgreSQL.</summary>
internal sealed class BinaryCopySink : IRowSink
{
    private readonly NpgsqlBinaryImporter _importer;
    private readonly PostgresColumn[] _columns;

    public BinaryCopySink(NpgsqlConnection connection, string table, PostgresColumn[] columns)
    {
        _columns = columns;
        string list = string.Join(", ", columns.Select(c => PostgresSql.Quote(c.Name)));
        _importer = connection.BeginBinaryImport($"COPY {PostgresSql.Quote(table)} ({list}) FROM STDIN (FORMAT BINARY)");
    }

    public void Write(ColumnBatch batch)
    {
        for (int row = 0; row < batch.Count; row++)
        {
            _importer.StartRow();
            for (int c = 0; c < _columns.Length; c++)
            {
                _columns[c].Write(_importer, batch.Columns[c], row);
            }
        }
    }

    public void Complete() => _importer.Complete();

    public void Dispose() => _importer.Dispose();
}
