using System.Globalization;
using RecForge.Text;

namespace RecForge.Scenarios;

/// <summary>
/// A CSV file an entity's rows come from (<c>items: { file: movies.csv }</c>): one entity per record, in file order,
/// with the header naming the columns. Its columns feed ids (<c>id.from</c>), attributes (<c>{ column: title }</c>),
/// and for items the world's popularity weights and taste positions.
/// </summary>
public sealed class CatalogueFile
{
    private readonly Dictionary<string, string[]> _columns;

    private CatalogueFile(string path, string sha256, Dictionary<string, string[]> columns, IReadOnlyList<string> header, int rows)
    {
        Path = path;
        Sha256 = sha256;
        _columns = columns;
        Header = header;
        Rows = rows;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>SHA-256 of the file's bytes (recorded with the scenario, so a changed catalogue changes the checksum).</summary>
    public string Sha256 { get; }

    /// <summary>The column names, in file order.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Number of records after the header.</summary>
    public int Rows { get; }

    /// <summary>Reads a whole catalogue; every record must have the header's number of fields.</summary>
    /// <exception cref="InvalidDataException">The file is empty, or a record is short or long (the message names the line).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static CatalogueFile Read(string path)
    {
        using StreamReader reader = File.OpenText(path);
        string[]? header = null;
        var values = new List<string>[0];
        long line = 0;
        foreach (string[] record in CsvRecords.Stream(reader))
        {
            line++;
            if (header is null)
            {
                header = record;
                values = [.. header.Select(_ => new List<string>())];
                if (header.Distinct(StringComparer.Ordinal).Count() != header.Length)
                {
                    throw new InvalidDataException($"{path}:1: two columns have the same name");
                }

                continue;
            }

            if (record.Length == 1 && record[0].Length == 0)
            {
                continue;
            }

            if (record.Length != header.Length)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{path}:{line}: {record.Length} fields, the header has {header.Length}"));
            }

            for (int c = 0; c < record.Length; c++)
            {
                values[c].Add(record[c]);
            }
        }

        if (header is null || values[0].Count == 0)
        {
            throw new InvalidDataException($"{path}: no records (a catalogue needs a header and at least one row)");
        }

        var columns = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (int c = 0; c < header.Length; c++)
        {
            columns[header[c]] = [.. values[c]];
        }

        return new CatalogueFile(System.IO.Path.GetFullPath(path), Output.FileChecksum.Sha256(path), columns, header, values[0].Count);
    }

    /// <summary>Whether the file has this column.</summary>
    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>The raw texts of a column.</summary>
    public string[] Texts(string column) => _columns[column];

    /// <summary>The column as integers, or null when some value is not an integer.</summary>
    public long[]? Integers(string column)
    {
        string[] texts = _columns[column];
        var result = new long[texts.Length];
        for (int i = 0; i < texts.Length; i++)
        {
            if (!long.TryParse(texts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out result[i]))
            {
                return null;
            }
        }

        return result;
    }

    /// <summary>The column as finite numbers, or the index of the first row that is not one.</summary>
    public double[]? Numbers(string column, out int badRow)
    {
        string[] texts = _columns[column];
        var result = new double[texts.Length];
        for (int i = 0; i < texts.Length; i++)
        {
            if (!double.TryParse(texts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out result[i]) || !double.IsFinite(result[i]))
            {
                badRow = i;
                return null;
            }
        }

        badRow = -1;
        return result;
    }

    /// <summary>
    /// The column as vectors of <paramref name="dimensions"/> space-separated numbers each, flattened row after row,
    /// or null with the first bad row.
    /// </summary>
    public float[]? Vectors(string column, int dimensions, out int badRow)
    {
        string[] texts = _columns[column];
        var result = new float[checked(texts.Length * dimensions)];
        for (int i = 0; i < texts.Length; i++)
        {
            string[] parts = texts[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != dimensions)
            {
                badRow = i;
                return null;
            }

            for (int d = 0; d < dimensions; d++)
            {
                if (!float.TryParse(parts[d], NumberStyles.Float, CultureInfo.InvariantCulture, out result[i * dimensions + d]) || !float.IsFinite(result[i * dimensions + d]))
                {
                    badRow = i;
                    return null;
                }
            }
        }

        badRow = -1;
        return result;
    }

    /// <summary>The file line (1-based, the header being line 1) of a record, for messages; exact when no field spans lines.</summary>
    public static long LineOf(int row) => row + 2L;
}
