using RecForge.Output;
using RecForge.Text;

namespace RecForge.Reading;

/// <summary>
/// A table RecForge wrote as CSV, read back with the schema the scenario gives it (CSV is untyped text): numbers,
/// UUIDs and ISO-8601 timestamps parsed, lists and vectors from their JSON cells, and hive partition columns
/// (<c>genre=Drama/</c>) rebuilt from the directory names. A value that does not parse names the file and line.
/// </summary>
public sealed class CsvDatasetTable : DatasetTable
{
    private readonly string _directory;

    /// <summary>Opens <paramref name="table"/> of the dataset in <paramref name="directory"/>, whose columns are <paramref name="schema"/>.</summary>
    public CsvDatasetTable(string directory, ManifestTable table, TableSchema schema)
        : base(table, ReadSchema.Of(schema))
    {
        _directory = directory;
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
        foreach (ManifestFile file in Table.Files)
        {
            string path = Path.Combine(_directory, file.Path);
            if (!File.Exists(path))
            {
                throw new InvalidDataException($"{path}: missing");
            }

            Dictionary<string, string> partition = HivePath.Values(file.Path);
            using StreamReader reader = File.OpenText(path);
            long line = 0;
            int[]? index = null;
            foreach (string[] record in CsvRecords.Stream(reader))
            {
                line++;
                if (index is null)
                {
                    index = [.. Schema.Columns.Select(c => Array.IndexOf(record, c.Name) is >= 0 and var i ? i
                        : partition.ContainsKey(c.Name) ? -1 : throw new InvalidDataException($"{path}: no column '{c.Name}' (has {string.Join(", ", record)})"))];
                    continue;
                }

                if (record.Length == 1 && record[0].Length == 0)
                {
                    continue;
                }

                for (int c = 0; c < index.Length; c++)
                {
                    string text = index[c] < 0 ? partition[Schema.Columns[c].Name]
                        : index[c] < record.Length ? record[index[c]]
                        : throw new InvalidDataException($"{path}:{line}: {record.Length} fields, expected {index.Length}");
                    Parse(batch, c, text, path, line);
                }

                yield return true;
            }
        }
    }

    private static void Parse(ColumnBatch batch, int c, string text, string path, long line)
    {
        ColumnSpec spec = batch.Schema.Columns[c];
        bool ok;
        try
        {
            ok = TextCell.TryParse(batch.Columns[c], batch.Count, text);
        }
        catch (NotSupportedException)
        {
            throw new InvalidDataException($"{path}: column '{spec.Name}' ({spec.Kind}) cannot be read back from CSV");
        }

        if (!ok)
        {
            throw new InvalidDataException($"{path}:{line}: {spec.Name} '{text}' is not a valid {spec.Kind.ToString().ToLowerInvariant()}");
        }
    }
}
