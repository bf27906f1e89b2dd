using System.Globalization;
using ParquetSharp;
using RecForge.Reading;

namespace RecForge.Output.Parquet;

/// <summary>
/// One table of a finished Parquet dataset, read back batch by batch with every column: scalars, lists, vectors
/// (float16 vectors widened to float32) and the hive partition columns rebuilt from directory names.
/// </summary>
public sealed class ParquetDatasetTable : DatasetTable
{
    private readonly string[] _files;
    private readonly string[][] _partitionValues;
    private readonly int _fileColumns;

    private ParquetDatasetTable(ManifestTable table, string[] files, TableSchema schema, int fileColumns, string[][] partitionValues, bool[] half)
        : base(table, schema)
    {
        _files = files;
        _fileColumns = fileColumns;
        _partitionValues = partitionValues;
        IsHalf = half;
    }

    private bool[] IsHalf { get; }

    /// <summary>The file <see cref="Read"/> is in (for error messages), or null before the first.</summary>
    public string? CurrentFile { get; private set; }

    /// <summary>Opens <paramref name="table"/> of the dataset in <paramref name="directory"/>.</summary>
    /// <exception cref="InvalidDataException">A file is missing or the files disagree on their columns.</exception>
    public static ParquetDatasetTable Open(string directory, ManifestTable table)
    {
        string[] files = [.. table.Files.Select(f => Path.Combine(directory, f.Path))];
        foreach (string file in files)
        {
            if (!File.Exists(file))
            {
                throw new InvalidDataException($"{file}: listed in {Manifest.FileName} but missing");
            }
        }

        if (files.Length == 0)
        {
            throw new InvalidDataException($"{directory}: table '{table.Name}' has no files");
        }

        var columns = new List<ColumnSpec>();
        var half = new List<bool>();
        string? sample = table.Files.FirstOrDefault(f => f.Rows > 0)?.Path;
        string first = sample is null ? files[0] : Path.Combine(directory, sample);
        try
        {
            ReadSchema(first, files[0], columns, half);
        }
        catch (Exception e) when (IsDamage(e))
        {
            throw Damaged(first, e);
        }

        int fileColumns = columns.Count;
        // Manifests before 0.2 do not list partition columns: hive directories name them (release_year=2019/).
        IReadOnlyList<string> partitionBy = table.PartitionBy
            ?? [.. table.Files[0].Path.Split('/')[..^1].Where(s => s.Contains('=', StringComparison.Ordinal)).Select(s => s[..s.IndexOf('=', StringComparison.Ordinal)])];
        var partitionValues = new string[files.Length][];
        for (int f = 0; f < files.Length; f++)
        {
            string[] segments = table.Files[f].Path.Split('/');
            partitionValues[f] = new string[partitionBy.Count];
            for (int p = 0; p < partitionBy.Count; p++)
            {
                string prefix = partitionBy[p] + "=";
                string segment = segments.FirstOrDefault(s => s.StartsWith(prefix, StringComparison.Ordinal))
                    ?? throw new InvalidDataException($"{files[f]}: no '{prefix}' directory for partition column '{partitionBy[p]}'");
                partitionValues[f][p] = Uri.UnescapeDataString(segment[prefix.Length..]);
            }
        }

        for (int p = 0; p < partitionBy.Count; p++)
        {
            // Directory names carry no type: a column is numeric when every directory of it parses as a number.
            bool integer = partitionValues.All(v => long.TryParse(v[p], NumberStyles.Integer, CultureInfo.InvariantCulture, out _));
            bool number = partitionValues.All(v => double.TryParse(v[p], NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            columns.Add(new ColumnSpec(partitionBy[p], integer ? ColumnKind.Int64 : number ? ColumnKind.Double : ColumnKind.String));
            half.Add(false);
        }

        return new ParquetDatasetTable(table, files, new TableSchema(table.Name, columns), fileColumns, partitionValues, [.. half]);
    }

    /// <inheritdoc />
    /// <remarks>A damaged file (bad pages, bad compression, values out of range) is an <see cref="InvalidDataException"/> naming it.</remarks>
    public override IEnumerable<ColumnBatch> Read(int batchRows = DefaultBatchRows, CancellationToken cancellation = default)
    {
        using IEnumerator<ColumnBatch> e = ReadFiles(batchRows, cancellation).GetEnumerator();
        while (true)
        {
            bool more;
            try
            {
                more = e.MoveNext();
            }
            catch (Exception x) when (IsDamage(x))
            {
                throw Damaged(CurrentFile ?? Table.Name, x);
            }

            if (!more)
            {
                yield break;
            }

            yield return e.Current;
        }
    }

    // What ParquetSharp and the value conversions throw for a damaged file (corrupt pages or compression, a timestamp
    // out of range, a bad dictionary index); cancellation and out-of-memory are not damage.
    internal static bool IsDamage(Exception e) => e is not (OperationCanceledException or OutOfMemoryException or InvalidDataException);

    internal static InvalidDataException Damaged(string file, Exception e)
        => new($"{file}: damaged Parquet file ({e.GetType().Name}: {e.Message.Split('\n')[0].Trim()})", e);

    private IEnumerable<ColumnBatch> ReadFiles(int batchRows, CancellationToken cancellation)
    {
        var batch = new ColumnBatch(Schema, batchRows);
        var halves = new byte[batchRows][];
        for (int f = 0; f < _files.Length; f++)
        {
            CurrentFile = _files[f];
            using var reader = new ParquetFileReader(_files[f]);
            int[] indices = FileIndices(reader);
            for (int g = 0; g < reader.FileMetaData.NumRowGroups; g++)
            {
                using RowGroupReader group = reader.RowGroup(g);
                long remaining = group.MetaData.NumRows;
                var columnReaders = new LogicalColumnReader[_fileColumns];
                try
                {
                    for (int c = 0; c < _fileColumns; c++)
                    {
                        columnReaders[c] = group.Column(indices[c]).LogicalReader();
                    }

                    while (remaining > 0)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        int n = (int)Math.Min(batchRows, remaining);
                        for (int c = 0; c < _fileColumns; c++)
                        {
                            ReadColumn(columnReaders[c], batch.Columns[c], IsHalf[c], halves, n);
                        }

                        for (int p = 0; p < _partitionValues[f].Length; p++)
                        {
                            FillPartition(batch.Columns[_fileColumns + p], _partitionValues[f][p], n);
                        }

                        batch.Count = n;
                        remaining -= n;
                        yield return batch;
                    }
                }
                finally
                {
                    foreach (LogicalColumnReader? r in columnReaders)
                    {
                        r?.Dispose();
                    }
                }
            }
        }
    }

    private static void ReadSchema(string path, string firstFile, List<ColumnSpec> columns, List<bool> half)
    {
        using var reader = new ParquetFileReader(path);
        SchemaDescriptor schema = reader.FileMetaData.Schema;
        for (int i = 0; i < schema.NumColumns; i++)
        {
            ColumnDescriptor d = schema.Column(i);
            string name = d.Path.ToDotVector()[0];
            (ColumnKind kind, bool isHalf) = Kind(d, name, firstFile);
            int dimension = kind == ColumnKind.FloatVector ? Dimension(reader, i, isHalf) : 0;
            columns.Add(new ColumnSpec(name, kind, dimension));
            half.Add(isHalf);
        }
    }

    private int[] FileIndices(ParquetFileReader reader)
    {
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        SchemaDescriptor schema = reader.FileMetaData.Schema;
        for (int i = 0; i < schema.NumColumns; i++)
        {
            byName[schema.Column(i).Path.ToDotVector()[0]] = i;
        }

        var indices = new int[_fileColumns];
        for (int c = 0; c < _fileColumns; c++)
        {
            indices[c] = byName.TryGetValue(Schema.Columns[c].Name, out int i)
                ? i
                : throw new InvalidDataException($"table '{Table.Name}': a file lacks column '{Schema.Columns[c].Name}'");
        }

        return indices;
    }

    private static void ReadColumn(LogicalColumnReader reader, Array into, bool half, byte[][] halves, int count)
    {
        switch (into)
        {
            case long[] l:
                ((LogicalColumnReader<long>)reader).ReadBatch(l.AsSpan(0, count));
                break;
            case double[] d:
                ((LogicalColumnReader<double>)reader).ReadBatch(d.AsSpan(0, count));
                break;
            case string[] s:
                ((LogicalColumnReader<string>)reader).ReadBatch(s.AsSpan(0, count));
                break;
            case string[][] lists:
                ((LogicalColumnReader<string[]>)reader).ReadBatch(lists.AsSpan(0, count));
                break;
            case Guid[] u:
                ((LogicalColumnReader<Guid>)reader).ReadBatch(u.AsSpan(0, count));
                break;
            case DateTime[] t:
                ((LogicalColumnReader<DateTime>)reader).ReadBatch(t.AsSpan(0, count));
                for (int i = 0; i < count; i++)
                {
                    t[i] = DateTime.SpecifyKind(t[i], DateTimeKind.Utc);
                }

                break;
            case float[][] vectors when half:
                ((LogicalColumnReader<byte[]>)reader).ReadBatch(halves.AsSpan(0, count));
                for (int i = 0; i < count; i++)
                {
                    Widen(halves[i], vectors[i]);
                }

                break;
            case float[][] vectors:
                ((LogicalColumnReader<float[]>)reader).ReadBatch(vectors.AsSpan(0, count));
                break;
            default:
                throw new NotSupportedException(into.GetType().Name);
        }
    }

    private static void Widen(byte[] packed, float[] into)
    {
        for (int i = 0; i < into.Length; i++)
        {
            into[i] = (float)BitConverter.ToHalf(packed, 2 * i);
        }
    }

    private static void FillPartition(Array into, string value, int count)
    {
        switch (into)
        {
            case long[] l:
                l.AsSpan(0, count).Fill(long.Parse(value, CultureInfo.InvariantCulture));
                break;
            case double[] d:
                d.AsSpan(0, count).Fill(double.Parse(value, CultureInfo.InvariantCulture));
                break;
            case string[] s:
                s.AsSpan(0, count).Fill(value);
                break;
        }
    }

    private static (ColumnKind Kind, bool Half) Kind(ColumnDescriptor d, string name, string file)
    {
        if (d.MaxRepetitionLevel > 0)
        {
            return d.PhysicalType switch
            {
                PhysicalType.Float => (ColumnKind.FloatVector, false),
                PhysicalType.ByteArray => (ColumnKind.StringList, false),
                _ => throw new InvalidDataException($"{file}: list column '{name}' of {d.PhysicalType} is not a RecForge column"),
            };
        }

        return d.LogicalType switch
        {
            TimestampLogicalType => (ColumnKind.Timestamp, false),
            UuidLogicalType => (ColumnKind.Uuid, false),
            JsonLogicalType => (ColumnKind.Json, false),
            StringLogicalType => (ColumnKind.String, false),
            _ => d.PhysicalType switch
            {
                PhysicalType.Int64 => (ColumnKind.Int64, false),
                PhysicalType.Double => (ColumnKind.Double, false),
                PhysicalType.ByteArray => (ColumnKind.FloatVector, true), // float16 vectors are RecForge's only untyped byte arrays
                _ => throw new InvalidDataException($"{file}: column '{name}' of {d.PhysicalType} is not a RecForge column"),
            },
        };
    }

    private static int Dimension(ParquetFileReader reader, int column, bool half)
    {
        if (reader.FileMetaData.NumRowGroups == 0)
        {
            return 0;
        }

        using RowGroupReader group = reader.RowGroup(0);
        if (group.MetaData.NumRows == 0)
        {
            return 0;
        }

        if (half)
        {
            using LogicalColumnReader<byte[]> bytes = group.Column(column).LogicalReader<byte[]>();
            return bytes.ReadAll(1)[0].Length / 2;
        }

        using LogicalColumnReader<float[]> floats = group.Column(column).LogicalReader<float[]>();
        return floats.ReadAll(1)[0].Length;
    }
}
