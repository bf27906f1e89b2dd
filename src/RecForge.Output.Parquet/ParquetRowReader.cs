using ParquetSharp;
using RecForge.Output;

namespace RecForge.Output.Parquet;

/// <summary>Reads the scalar columns of a Parquet file (INT64, DOUBLE, strings, UUID, timestamps) back into a <see cref="ColumnBatch"/>.</summary>
/// <remarks>List columns are skipped: this reads event tables, whose columns are all scalars.</remarks>
public static class ParquetRowReader
{
    /// <summary>Reads every row of <paramref name="path"/>.</summary>
    public static ColumnBatch ReadAll(string path)
    {
        using var reader = new ParquetFileReader(path);
        SchemaDescriptor schema = reader.FileMetaData.Schema;
        var columns = new List<(int Index, ColumnSpec Spec)>();
        for (int i = 0; i < schema.NumColumns; i++)
        {
            ColumnDescriptor d = schema.Column(i);
            if (d.MaxRepetitionLevel > 0)
            {
                continue;
            }

            ColumnKind? kind = d.LogicalType switch
            {
                TimestampLogicalType => ColumnKind.Timestamp,
                UuidLogicalType => ColumnKind.Uuid,
                JsonLogicalType => ColumnKind.Json,
                StringLogicalType => ColumnKind.String,
                _ => d.PhysicalType switch
                {
                    PhysicalType.Int64 => ColumnKind.Int64,
                    PhysicalType.Double => ColumnKind.Double,
                    _ => null,
                },
            };
            if (kind is { } k)
            {
                columns.Add((i, new ColumnSpec(d.Path.ToDotVector()[0], k)));
            }
        }

        long rows = reader.FileMetaData.NumRows;
        var batch = new ColumnBatch(new TableSchema(Path.GetFileNameWithoutExtension(path), [.. columns.Select(c => c.Spec)]), checked((int)rows));
        int offset = 0;
        for (int g = 0; g < reader.FileMetaData.NumRowGroups; g++)
        {
            using RowGroupReader group = reader.RowGroup(g);
            int n = checked((int)group.MetaData.NumRows);
            for (int c = 0; c < columns.Count; c++)
            {
                using ColumnReader column = group.Column(columns[c].Index);
                switch (batch.Columns[c])
                {
                    case long[] l:
                        Read(column, l, offset, n);
                        break;
                    case double[] d:
                        Read(column, d, offset, n);
                        break;
                    case string[] s:
                        Read(column, s, offset, n);
                        break;
                    case Guid[] u:
                        Read(column, u, offset, n);
                        break;
                    case DateTime[] t:
                        Read(column, t, offset, n);
                        break;
                }
            }

            offset += n;
        }

        batch.Count = offset;
        return batch;
    }

    private static void Read<T>(ColumnReader column, T[] into, int offset, int count)
    {
        using LogicalColumnReader<T> reader = column.LogicalReader<T>();
        reader.ReadBatch(into.AsSpan(offset, count));
    }
}
