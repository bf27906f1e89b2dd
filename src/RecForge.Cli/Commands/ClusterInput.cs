using System.Text;
using RecForge.Output;
using RecForge.Output.Parquet;
using RecForge.Text;

namespace RecForge.Cli.Commands;

/// <summary>Items to cluster: ids, embeddings (the dataset's, or text-encoded) and the text that names the clusters.</summary>
internal sealed record ClusterInput(string[] Ids, float[][] Embeddings, string[] Texts, string Source)
{
    // The text encoder's width when items bring no embedding (the media scenario's text block uses 384 too).
    private const int TextDimensions = 384;

    public static ClusterInput Load(string path, IReadOnlyList<string>? textColumns, string? tagsFile, ulong seed)
    {
        if (Directory.Exists(path))
        {
            return FromDataset(path, textColumns);
        }

        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: no such file or directory");
        }

        return FromCsv(path, textColumns, tagsFile ?? SiblingTags(path), seed);
    }

    private static string? SiblingTags(string path)
    {
        string tags = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "tags.csv");
        return File.Exists(tags) && !string.Equals(Path.GetFullPath(path), tags, StringComparison.Ordinal) ? tags : null;
    }

    private static ClusterInput FromDataset(string directory, IReadOnlyList<string>? textColumns)
    {
        if (!File.Exists(Path.Combine(directory, Manifest.FileName)))
        {
            throw new InvalidDataException($"{directory}: no {Manifest.FileName}: not a finished RecForge dataset");
        }

        Manifest manifest = Manifest.Load(directory);
        ManifestTable table = manifest.Tables.FirstOrDefault(t => t.Role == "items") ?? manifest.Tables[0];
        ParquetDatasetTable items = ParquetDatasetTable.Open(directory, table);
        TableSchema schema = items.Schema;
        int key = schema.IndexOf(table.Key ?? schema.Columns[0].Name);
        int vector = schema.Columns.ToList().FindIndex(c => c.Kind == ColumnKind.FloatVector);
        int[] text = textColumns is null
            ? [.. Enumerable.Range(0, schema.Columns.Count).Where(i => i != key && schema.Columns[i].Kind == ColumnKind.String)]
            : [.. textColumns.Select(c => schema.IndexOf(c) is >= 0 and var i ? i : throw new InvalidDataException($"--text-columns {c}: {table.Name} has no such column"))];
        var ids = new List<string>();
        var embeddings = new List<float[]>();
        var texts = new List<string>();
        var line = new StringBuilder();
        foreach (ColumnBatch batch in items.Read(4096))
        {
            for (int r = 0; r < batch.Count; r++)
            {
                ids.Add(batch.Columns[key] switch
                {
                    long[] l => l[r].ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Guid[] g => g[r].ToString(),
                    string[] s => s[r],
                    _ => throw new InvalidDataException($"{table.Name}: key column has an unsupported type"),
                });
                line.Clear();
                foreach (int c in text)
                {
                    line.Append(((string[])batch.Columns[c])[r]).Append(". ");
                }

                texts.Add(line.ToString());
                if (vector >= 0)
                {
                    embeddings.Add((float[])((float[][])batch.Columns[vector])[r].Clone());
                }
            }
        }

        float[][] vectors = vector >= 0 ? [.. embeddings] : Encode(texts, 0);
        return new ClusterInput([.. ids], vectors, [.. texts], $"{table.Name} ({(vector >= 0 ? schema.Columns[vector].Name : "text-encoded " + string.Join(", ", text.Select(i => schema.Columns[i].Name)))})");
    }

    private static ClusterInput FromCsv(string path, IReadOnlyList<string>? textColumns, string? tagsFile, ulong seed)
    {
        List<string[]> rows = CsvRecords.Read(path);
        if (rows.Count < 2)
        {
            throw new InvalidDataException($"{path}: no rows");
        }

        string[] header = rows[0];
        int[] text = textColumns is null
            ? [.. Enumerable.Range(1, header.Length - 1)]
            : [.. textColumns.Select(c => Array.IndexOf(header, c) is >= 0 and var i ? i : throw new InvalidDataException($"--text-columns {c}: {path} has columns {string.Join(", ", header)}"))];
        var tags = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        if (tagsFile is not null)
        {
            List<string[]> tagRows = CsvRecords.Read(tagsFile);
            int id = Array.IndexOf(tagRows[0], header[0]), tag = Array.IndexOf(tagRows[0], "tag");
            if (id < 0 || tag < 0)
            {
                throw new InvalidDataException($"{tagsFile}: needs columns {header[0]} and tag");
            }

            foreach (string[] r in tagRows.Skip(1))
            {
                if (r.Length > Math.Max(id, tag))
                {
                    (tags.TryGetValue(r[id], out StringBuilder? b) ? b : tags[r[id]] = new StringBuilder()).Append(r[tag]).Append(". ");
                }
            }
        }

        var ids = new string[rows.Count - 1];
        var texts = new string[rows.Count - 1];
        for (int i = 1; i < rows.Count; i++)
        {
            string[] r = rows[i];
            ids[i - 1] = r[0];

            // MovieLens genres are pipe-separated ("Adventure|Animation"): make them words.
            var line = new StringBuilder();
            foreach (int c in text)
            {
                line.Append(c < r.Length ? r[c].Replace('|', ',') : "").Append(". ");
            }

            if (tags.TryGetValue(r[0], out StringBuilder? t))
            {
                line.Append(t);
            }

            texts[i - 1] = line.ToString();
        }

        return new ClusterInput(ids, Encode(texts, seed), texts, $"{Path.GetFileName(path)} (text-encoded {string.Join(", ", text.Select(i => header[i]))}{(tagsFile is null ? "" : " + " + Path.GetFileName(tagsFile))})");
    }

    private static float[][] Encode(IReadOnlyList<string> texts, ulong seed)
    {
        var encoder = new TextEncoder(seed ^ 0x7E47E4C0DE5UL);
        var vectors = new float[texts.Count][];
        for (int i = 0; i < texts.Count; i++)
        {
            vectors[i] = new float[TextDimensions];
            encoder.Encode([texts[i]], vectors[i]);
        }

        return vectors;
    }
}
