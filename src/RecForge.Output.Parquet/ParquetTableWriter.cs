using ParquetSharp;

namespace RecForge.Output.Parquet;

/// <summary>Writes one Parquet file batch by batch into buffered row groups, under a temporary name until complete.</summary>
public sealed class ParquetTableWriter : ITableWriter
{
    private readonly AtomicFile _file;
    private ParquetFileWriter? _writer;
    private readonly TableSchema _schema;
    private readonly int _rowGroupRows;
    private RowGroupWriter? _group;

    // The current row group's column writers, and their logical writers (made on first use): a logical writer holds its
    // conversion buffers (levels, int64 ticks), so one per column and row group rather than one per batch; strings and
    // UUIDs skip it (ByteValueWriter). Together they took generation from ~57 bytes allocated a row to ~5.
    private ColumnWriter?[] _columns = [];
    private LogicalColumnWriter?[] _logical = [];
    private readonly ByteValueWriter _bytes = new();
    private long _groupRows;
    private long _rows;
    private bool _closed;

    /// <summary>Prepares the file; it is created with the first batch, whose values choose each column's encoding.</summary>
    public ParquetTableWriter(string path, TableSchema schema, TableWriterOptions options)
    {
        _file = new AtomicFile(path);
        _schema = schema;
        _rowGroupRows = options.RowGroupRows;
    }

    // The columns' encodings are chosen from the first batch (the same rows on any thread or shard count, so the same
    // bytes): a dictionary is kept only where values repeat.
    private ParquetFileWriter Open(ColumnBatch? first)
    {
        var builder = new WriterPropertiesBuilder().Compression(Compression.Snappy).CreatedBy("RecForge");
        for (int c = 0; c < _schema.Columns.Count; c++)
        {
            ColumnSpec column = _schema.Columns[c];

            // Vector values are nearly all distinct: a dictionary only adds indices to every value until it passes its
            // 1 MB limit, ~50% more bytes in the small files of a hive-partitioned catalogue (docs/benchmarks.md).
            if (column.Kind == ColumnKind.FloatVector)
            {
                builder.DisableDictionary(column.Name + ".list.item");

                // The minimum and maximum of a vector's coordinates over a page say nothing a reader can prune by.
                builder.DisableStatistics(column.Name + ".list.item");
            }
            else if (column.Kind == ColumnKind.HalfVector || (first is not null && MostlyDistinct(first.Columns[c], first.Count)))
            {
                builder.DisableDictionary(column.Name);
            }
        }

        // Size statistics (Parquet 2.11: per-page level histograms and byte counts) cost a level histogram update per value
        // of a list column, 1,024 a row for an embedding; no reader RecForge targets uses them. Min/max statistics stay.
        builder.SetSizeStatisticsLevel(SizeStatisticsLevel.None);
        using WriterProperties properties = builder.Build();
        return new ParquetFileWriter(_file.TemporaryPath, [.. _schema.Columns.Select(ToColumn)], properties);
    }

    // Continuous numbers and times (watch time, event timestamps) hardly repeat: Arrow would hash every value into a
    // dictionary that passes its 1 MB limit after ~131k values and then falls back to plain pages. Skipping it took
    // ~6% of the CPU time of a media interactions run and made the file 2% smaller (docs/benchmarks.md, issue 19).
    // A column whose first batch (up to 8,192 values) is at least half distinct is written plain (watch time is ~80%:
    // a funnel's reactions repeat their exposure's value); ratings, prices on a grid and dates keep their dictionary.
    private static bool MostlyDistinct(Array values, int count)
    {
        int sample = Math.Min(count, 8192);
        if (sample < 64)
        {
            return false;
        }

        var distinct = new HashSet<long>(sample);
        switch (values)
        {
            case double[] d:
                for (int i = 0; i < sample; i++)
                {
                    distinct.Add(BitConverter.DoubleToInt64Bits(d[i]));
                }

                break;
            case DateTime[] t:
                for (int i = 0; i < sample; i++)
                {
                    distinct.Add(t[i].Ticks);
                }

                break;
            default:
                return false;
        }

        return distinct.Count >= sample / 2;
    }

    /// <inheritdoc />
    public void Write(ColumnBatch batch) => Guard(() => WriteBatch(batch));

    private void WriteBatch(ColumnBatch batch)
    {
        _writer ??= Open(batch);
        int offset = 0;
        while (offset < batch.Count)
        {
            if (_group is null || _groupRows >= _rowGroupRows)
            {
                CloseGroup();
                _group = _writer.AppendBufferedRowGroup();
                _columns = new ColumnWriter?[_schema.Columns.Count];
                _logical = new LogicalColumnWriter?[_schema.Columns.Count];
                _groupRows = 0;
            }

            int count = (int)Math.Min(batch.Count - offset, _rowGroupRows - _groupRows);
            for (int c = 0; c < _schema.Columns.Count; c++)
            {
                WriteColumn(c, batch.Columns[c], offset, count);
            }

            offset += count;
            _groupRows += count;
            _rows += count;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<WrittenFile> Complete()
    {
        Guard(() =>
        {
            _writer ??= Open(null);
            CloseGroup();
            _writer.Close();
            return true;
        });
        _closed = true;
        return [_file.Commit(_rows)];
    }

    // Arrow reports I/O failures (disk full, permission denied) as ParquetException; callers handle IOException.
    private T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (ParquetException e)
        {
            // Native messages look like "N7parquet22ParquetStatusExceptionE (message: 'IOError: ... [errno 28] No space left on device')".
            string message = e.Message;
            int start = message.IndexOf("message: '", StringComparison.Ordinal);
            if (start >= 0)
            {
                message = message[(start + 10)..].TrimEnd(')', '\'');
            }

            throw new IOException($"{_file.FinalPath}: {message}", e);
        }
    }

    private void Guard(Action action) => Guard(() =>
    {
        action();
        return true;
    });

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_closed)
        {
            try
            {
                DisposeWriters();
                _group?.Dispose();
                _writer?.Close();
            }
            catch (ParquetException)
            {
                // The file is discarded anyway; the original error is what matters.
            }
        }

        _writer?.Dispose();
        _file.Dispose();
    }

    private void CloseGroup()
    {
        if (_group is null)
        {
            return;
        }

        DisposeWriters();
        _group.Close();
        _group.Dispose();
        _group = null;

        // A closed row group is on disk: a large file starts being hashed behind the writer.
        _file.Grew();
    }

    private void DisposeWriters()
    {
        for (int c = 0; c < _columns.Length; c++)
        {
            // A logical writer disposes the column writer it wraps.
            if (_logical[c] is { } logical)
            {
                logical.Dispose();
            }
            else
            {
                _columns[c]?.Dispose();
            }

            _logical[c] = null;
            _columns[c] = null;
        }
    }

    private void WriteColumn(int c, Array values, int offset, int count)
    {
        ColumnWriter column = _columns[c] ??= _group!.Column(c);
        switch (values)
        {
            case long[] l:
                Write(c, column, l, offset, count);
                break;
            case double[] d:
                Write(c, column, d, offset, count);
                break;
            case string[] s:
                _bytes.WriteStrings((ColumnWriter<ByteArray>)column, s, offset, count);
                break;
            case string[][] lists:
                Write(c, column, lists, offset, count);
                break;
            case float[][] vectors:
                WriteVectors(c, column, vectors, offset, count);
                break;
            case byte[][] halves:
                Write(c, column, halves, offset, count);
                break;
            case Guid[] g:
                _bytes.WriteUuids((ColumnWriter<FixedLenByteArray>)column, g, offset, count);
                break;
            case DateTime[] t:
                Write(c, column, t, offset, count);
                break;
            default:
                throw new NotSupportedException(values.GetType().Name);
        }
    }

    // Vectors go to the physical writer one row at a time with constant levels (every value defined; repetition 0
    // opens a row, the maximum continues it): no per-value level arrays built by the logical writer, no copies; 5–8%
    // faster on the 100k-item benchmark, same bytes. An empty vector (an empty list has its own definition level) takes
    // the logical writer's path.
    private void WriteVectors(int c, ColumnWriter column, float[][] vectors, int offset, int count)
    {
        var writer = (ColumnWriter<float>)column;
        short defined = (short)column.ColumnDescriptor.MaxDefinitionLevel;
        short repeated = (short)column.ColumnDescriptor.MaxRepetitionLevel;
        short[]? definitions = null;
        short[]? repetitions = null;
        for (int row = offset; row < offset + count; row++)
        {
            float[] vector = vectors[row];
            if (vector.Length == 0)
            {
                var logical = (LogicalColumnWriter<float[]>)(_logical[c] ??= column.LogicalWriter<float[]>());
                logical.WriteBatch(vectors, row, 1);
                continue;
            }

            if (definitions is null || definitions.Length != vector.Length)
            {
                definitions = new short[vector.Length];
                repetitions = new short[vector.Length];
                Array.Fill(definitions, defined);
                Array.Fill(repetitions, repeated, 1, vector.Length - 1);
            }

            writer.WriteBatch(vector.Length, definitions, repetitions, vector);
        }
    }

    private void Write<T>(int c, ColumnWriter column, T[] values, int offset, int count)
    {
        var writer = (LogicalColumnWriter<T>)(_logical[c] ??= column.LogicalWriter<T>());
        writer.WriteBatch(values, offset, count);
    }

    private static Column ToColumn(ColumnSpec spec) => spec.Kind switch
    {
        ColumnKind.Int64 => new Column<long>(spec.Name),
        ColumnKind.Double => new Column<double>(spec.Name),
        ColumnKind.String => new Column<string>(spec.Name, LogicalType.String()),
        ColumnKind.Json => new Column<string>(spec.Name, LogicalType.Json()),
        ColumnKind.StringList => new Column<string[]>(spec.Name),
        ColumnKind.FloatVector => new Column<float[]>(spec.Name),
        ColumnKind.HalfVector => new Column<byte[]>(spec.Name),
        ColumnKind.Uuid => new Column<Guid>(spec.Name, LogicalType.Uuid()),
        ColumnKind.Timestamp => new Column<DateTime>(spec.Name, LogicalType.Timestamp(isAdjustedToUtc: true, TimeUnit.Micros)),
        _ => throw new NotSupportedException(spec.Kind.ToString()),
    };
}
