using System.Globalization;
using RecForge.Output;
using RecForge.Reading;
using RecForge.Text;

namespace RecForge.Datasets.Foreign;

/// <summary>
/// A CSV file RecForge did not write (a log, a catalogue; comma-, tab-, semicolon-, bar- or "::"-separated, as its
/// first line shows, with spaces around fields dropped, with a header line or with names given for its columns), read with the types its role gives each column: ids and
/// categories as text, numbers as finite doubles, the time as a timestamp (epoch seconds or ISO-8601). A value that
/// does not parse is a one-line error naming the file and line.
/// </summary>
public sealed class ForeignCsvTable : DatasetTable
{
    // Epoch seconds DateTime can hold: years 1 to 9999.
    private const long MinEpochSeconds = -62_135_596_800, MaxEpochSeconds = 253_402_300_799;

    private readonly string _path;
    private readonly int[] _index;
    private readonly bool _headerless;

    private ForeignCsvTable(string path, TableSchema schema, int[] index, bool headerless)
        : base(new ManifestTable(schema.Name, 0, [new ManifestFile(Path.GetFileName(path), 0, 0, "")]), schema)
    {
        _path = path;
        _index = index;
        _headerless = headerless;
    }

    /// <summary>
    /// The header of the CSV file at <paramref name="path"/>, or <paramref name="names"/> for a file without a header
    /// line (whose first line is then a record).
    /// </summary>
    /// <exception cref="InvalidDataException">No such file, or an empty one.</exception>
    public static string[] Header(string path, IReadOnlyList<string>? names = null)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: no such file");
        }

        string[] header = names is not null ? [.. names] : Records(path).FirstOrDefault() ?? throw new InvalidDataException($"{path}: empty file");
        return [.. header.Select(name => name.Trim())];
    }

    /// <summary>
    /// Opens <paramref name="path"/> as table <paramref name="name"/> with the columns <paramref name="wanted"/>:
    /// <paramref name="numeric"/> ones as doubles, <paramref name="timestamp"/> as a time, the others as text.
    /// <paramref name="names"/> names the columns of a file without a header line.
    /// </summary>
    /// <exception cref="InvalidDataException">No such file, an empty one, or a wanted column missing.</exception>
    public static ForeignCsvTable Open(string path, string name, string[] wanted, string[] numeric, string? timestamp, IReadOnlyList<string>? names = null)
    {
        string[] header = Header(path, names);
        int[] index = [.. wanted.Select(w => Array.IndexOf(header, w) is >= 0 and var i ? i : throw new InvalidDataException($"{path}: no column '{w}' (has {string.Join(", ", header)})"))];
        var schema = new TableSchema(name, [.. wanted.Select(w => new ColumnSpec(w, w == timestamp ? ColumnKind.Timestamp : numeric.Contains(w) ? ColumnKind.Double : ColumnKind.String))]);
        return new ForeignCsvTable(path, schema, index, headerless: names is not null);
    }

    /// <inheritdoc />
    public override IEnumerable<ColumnBatch> Read(int batchRows = DefaultBatchRows, CancellationToken cancellation = default)
    {
        var batch = new ColumnBatch(Schema, batchRows);
        return Batches(batch, batchRows, Fill(batch), cancellation);
    }

    // Writes each row at batch.Count, then yields.
    private IEnumerable<bool> Fill(ColumnBatch batch)
    {
        long line = _headerless ? 0 : 1;
        foreach (string[] record in Records(_path).Skip(_headerless ? 0 : 1))
        {
            line++;
            if (record.Length == 1 && record[0].Length == 0)
            {
                continue;
            }

            for (int c = 0; c < _index.Length; c++)
            {
                // Spaces around a field (a header written "userId, movieId") are not part of an id or a number.
                string value = _index[c] < record.Length ? record[_index[c]].Trim() : throw new InvalidDataException($"{_path}:{line}: {record.Length} fields, expected at least {_index[c] + 1}");
                Parse(batch.Columns[c], batch.Count, Schema.Columns[c].Name, value, line);
            }

            yield return true;
        }
    }

    // Comma-separated unless the first line says tab-, semicolon- or bar-separated (TSV logs, spreadsheet exports), or
    // "::"-separated without quoting (MovieLens 1M and 10M's .dat files).
    private static IEnumerable<string[]> Records(string path)
    {
        string first;
        using (StreamReader head = File.OpenText(path))
        {
            first = head.ReadLine() ?? "";
        }

        char delimiter = CsvRecords.SniffDelimiter(first);
        using StreamReader reader = File.OpenText(path);
        if (delimiter == ',' && !first.Contains(',', StringComparison.Ordinal) && first.Contains("::", StringComparison.Ordinal))
        {
            while (reader.ReadLine() is { } line)
            {
                yield return line.Split("::");
            }

            yield break;
        }

        foreach (string[] record in CsvRecords.Stream(reader, delimiter))
        {
            yield return record;
        }
    }

    private void Parse(Array column, int row, string name, string value, long line)
    {
        switch (column)
        {
            case string[] s:
                s[row] = value;
                break;
            case double[] d:
                d[row] = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) ? x
                    : throw new InvalidDataException($"{_path}:{line}: {name} '{value}' is not a number");
                if (!double.IsFinite(x))
                {
                    throw new InvalidDataException($"{_path}:{line}: {name} '{value}' is not a finite number");
                }

                break;
            case DateTime[] t:
                t[row] = long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long seconds)
                    ? (seconds is >= MinEpochSeconds and <= MaxEpochSeconds ? DateTime.UnixEpoch.AddSeconds(seconds) : throw new InvalidDataException($"{_path}:{line}: {name} '{value}' is out of the range of times"))
                    : DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime when) ? when
                    : throw new InvalidDataException($"{_path}:{line}: {name} '{value}' is neither epoch seconds nor ISO-8601");
                break;
        }
    }
}
