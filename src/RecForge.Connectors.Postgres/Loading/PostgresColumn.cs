using Npgsql;
using NpgsqlTypes;
using Pgvector;
using RecForge.Output;

namespace RecForge.Connectors.Postgres.Loading;

/// <summary>How one RecForge column is typed in PostgreSQL and written, by binary COPY or as a statement parameter.</summary>
internal sealed class PostgresColumn
{
    public PostgresColumn(ColumnSpec spec, bool pgvector)
    {
        Spec = spec;
        IsVector = spec.Kind == ColumnKind.FloatVector && pgvector;
        SqlType = spec.Kind switch
        {
            ColumnKind.Int64 => "bigint",
            ColumnKind.Double => "double precision",
            ColumnKind.String => "text",
            ColumnKind.Json => "jsonb",
            ColumnKind.StringList => "text[]",
            ColumnKind.FloatVector => IsVector ? $"vector({spec.Dimension})" : "real[]",
            ColumnKind.Uuid => "uuid",
            ColumnKind.Timestamp => "timestamptz",
            _ => throw new NotSupportedException($"column '{spec.Name}': {spec.Kind} has no PostgreSQL type"),
        };
    }

    public ColumnSpec Spec { get; }

    public string Name => Spec.Name;

    /// <summary>The column is a pgvector <c>vector(N)</c> (rather than <c>real[]</c>).</summary>
    public bool IsVector { get; }

    public string SqlType { get; }

    /// <summary>A scalar column a B-tree index can serve (numbers, times and text).</summary>
    public bool IsScalar => Spec.Kind is ColumnKind.Int64 or ColumnKind.Double or ColumnKind.String or ColumnKind.Timestamp or ColumnKind.Uuid;

    public string Definition => $"{PostgresSql.Quote(Name)} {SqlType} NOT NULL";

    public void Write(NpgsqlBinaryImporter importer, Array column, int row)
    {
        switch (column)
        {
            case long[] l:
                importer.Write(l[row], NpgsqlDbType.Bigint);
                break;
            case double[] d:
                importer.Write(d[row], NpgsqlDbType.Double);
                break;
            case string[] s:
                importer.Write(s[row], Spec.Kind == ColumnKind.Json ? NpgsqlDbType.Jsonb : NpgsqlDbType.Text);
                break;
            case string[][] lists:
                importer.Write(lists[row], NpgsqlDbType.Array | NpgsqlDbType.Text);
                break;
            case float[][] vectors when IsVector:
                importer.Write(new Vector(vectors[row]), "vector");
                break;
            case float[][] vectors:
                importer.Write(vectors[row], NpgsqlDbType.Array | NpgsqlDbType.Real);
                break;
            case Guid[] u:
                importer.Write(u[row], NpgsqlDbType.Uuid);
                break;
            case DateTime[] t:
                importer.Write(t[row], NpgsqlDbType.TimestampTz);
                break;
            default:
                throw new NotSupportedException(column.GetType().Name);
        }
    }

    public NpgsqlParameter CreateParameter() => Spec.Kind switch
    {
        ColumnKind.Int64 => new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint },
        ColumnKind.Double => new NpgsqlParameter<double> { NpgsqlDbType = NpgsqlDbType.Double },
        ColumnKind.String => new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text },
        ColumnKind.Json => new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Jsonb },
        ColumnKind.StringList => new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
        ColumnKind.FloatVector when IsVector => new NpgsqlParameter<Vector> { DataTypeName = "vector" },
        ColumnKind.FloatVector => new NpgsqlParameter<float[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Real },
        ColumnKind.Uuid => new NpgsqlParameter<Guid> { NpgsqlDbType = NpgsqlDbType.Uuid },
        ColumnKind.Timestamp => new NpgsqlParameter<DateTime> { NpgsqlDbType = NpgsqlDbType.TimestampTz },
        _ => throw new NotSupportedException(Spec.Kind.ToString()),
    };

    public void SetParameter(NpgsqlParameter parameter, Array column, int row)
    {
        switch (column)
        {
            case long[] l:
                ((NpgsqlParameter<long>)parameter).TypedValue = l[row];
                break;
            case double[] d:
                ((NpgsqlParameter<double>)parameter).TypedValue = d[row];
                break;
            case string[] s:
                ((NpgsqlParameter<string>)parameter).TypedValue = s[row];
                break;
            case string[][] lists:
                ((NpgsqlParameter<string[]>)parameter).TypedValue = lists[row];
                break;
            case float[][] vectors when IsVector:
                ((NpgsqlParameter<Vector>)parameter).TypedValue = new Vector(vectors[row].ToArray());
                break;
            case float[][] vectors:
                ((NpgsqlParameter<float[]>)parameter).TypedValue = vectors[row].ToArray();
                break;
            case Guid[] u:
                ((NpgsqlParameter<Guid>)parameter).TypedValue = u[row];
                break;
            case DateTime[] t:
                ((NpgsqlParameter<DateTime>)parameter).TypedValue = t[row];
                break;
            default:
                throw new NotSupportedException(column.GetType().Name);
        }
    }
}
