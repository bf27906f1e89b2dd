using System.Text;
using Npgsql;
using RecForge.Output;

namespace RecForge.Connectors.Postgres.Loading;

/// <summary>
/// Sends rows as parameterised multi-row <c>INSERT … VALUES (…), (…)</c> statements, for servers whose wire protocol
/// lacks COPY (PGlite over its socket server drops the connection on <c>COPY FROM STDIN</c>).
/// </summary>
internal sealed class MultiRowInsertSink : IRowSink
{
    // PostgreSQL allows 65,535 parameters a statement; 30,000 keeps statements moderate for wide rows.
    private const int MaxParameters = 30_000;

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly string _table;
    private readonly PostgresColumn[] _columns;
    private readonly int _rowsPerStatement;
    private readonly NpgsqlCommand _full;
    private int _pending;

    public MultiRowInsertSink(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, PostgresColumn[] columns, int maxRowsPerStatement)
    {
        _connection = connection;
        _transaction = transaction;
        _table = table;
        _columns = columns;
        _rowsPerStatement = Math.Max(1, Math.Min(maxRowsPerStatement, MaxParameters / columns.Length));
        _full = Command(_rowsPerStatement);
    }

    public void Write(ColumnBatch batch)
    {
        for (int row = 0; row < batch.Count; row++)
        {
            int first = _pending * _columns.Length;
            for (int c = 0; c < _columns.Length; c++)
            {
                _columns[c].SetParameter(_full.Parameters[first + c], batch.Columns[c], row);
            }

            if (++_pending == _rowsPerStatement)
            {
                _full.ExecuteNonQuery();
                _pending = 0;
            }
        }
    }

    public void Complete()
    {
        if (_pending == 0)
        {
            return;
        }

        using NpgsqlCommand rest = Command(_pending);
        for (int i = 0; i < _pending * _columns.Length; i++)
        {
            rest.Parameters[i].Value = _full.Parameters[i].Value;
        }

        rest.ExecuteNonQuery();
        _pending = 0;
    }

    public void Dispose() => _full.Dispose();

    private NpgsqlCommand Command(int rows)
    {
        var sql = new StringBuilder("INSERT INTO ").Append(PostgresSql.Quote(_table)).Append(" (")
            .AppendJoin(", ", _columns.Select(c => PostgresSql.Quote(c.Name))).Append(") VALUES ");
        var command = new NpgsqlCommand { Connection = _connection, Transaction = _transaction };
        for (int r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (int c = 0; c < _columns.Length; c++)
            {
                sql.Append(c == 0 ? "$" : ", $").Append((r * _columns.Length) + c + 1);
                command.Parameters.Add(_columns[c].CreateParameter());
            }

            sql.Append(')');
        }

        command.CommandText = sql.ToString();
        return command;
    }
}
