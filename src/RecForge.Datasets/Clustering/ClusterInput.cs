using System.Text;
using RecForge.Output;
using RecForge.Reading;
using RecForge.Text;

namespace RecForge.Datasets.Clustering;

/// <summary>
/// Items to cluster: ids, embeddings (the dataset's, or text-encoded) and the text that names the clusters; with a
/// reference column, its value per item (to measure how well the clusters agree with e.g. the genres).
/// </summary>
/// <param name="Ids">Item ids.</param>
/// <param name="Embeddings">One vector per item.</param>
/// <param name="Texts">Each item's text (titles, descriptions, tags), for labels.</param>
/// <param name="Source">Where the vectors come from, in words.</param>
/// <param name="Reference">Each item's value of the comparison column, if asked.</param>
/// <param name="IdKind">The ids' type, so the output joins with the catalogue without a cast: the dataset's key type
/// (BIGINT, UUID or text), or for a CSV BIGINT when every id is an integer.</param>
public sealed record ClusterInput(string[] Ids, float[][] Embeddings, string[] Texts, string Source, string[]? Reference = null, ColumnKind IdKind = ColumnKind.String)
{
    /// <summary>The encoder that made <see cref="Embeddings"/> from <see cref="Texts"/>; null when they are a dataset's own vectors.</summary>
    public ITextEncoder? TextEncoder { get; init; }

    // The text encoder's width when items bring no embedding (the media scenario's text block uses 384 too).
    private const int TextDimensions = 384;

    /// <summary>Reads the items of a dataset folder (its items table) or of a CSV catalogue (text-encoded).</summary>
    /// <exception cref="InvalidDataException">No such file or folder, an unknown column or block, or a file that does not parse.</exception>
    public static ClusterInput Load(string path, ClusterInputOptions options)
    {
        if (Directory.Exists(path))
        {
            return FromDataset(path, options);
        }

        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: no such file or directory");
        }

        if (options.Blocks is not null)
        {
            throw new InvalidDataException($"--blocks: {path} has no embedding blocks (only a dataset's manifest describes them)");
        }

        return FromCsv(path, options with { Tags = options.Tags ?? SiblingTags(path) });
    }

    private static string? SiblingTags(string path)
    {
        string tags = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "tags.csv");
        return File.Exists(tags) && !string.Equals(Path.GetFullPath(path), tags, StringComparison.Ordinal) ? tags : null;
    }

    private static ClusterInput FromDataset(string directory, ClusterInputOptions options)
    {
        IReadOnlyList<string>? textColumns = options.TextColumns;
        if (options.Blocks is not null && options.Encoder is not null)
        {
            throw new InvalidDataException($"--blocks and --text-encoder {options.Encoder.Name}: choose the dataset's embedding blocks or the item text encoded by the model, not both");
        }

        RecForgeDataset dataset = RecForgeDataset.Open(directory);
        ManifestTable table = dataset.Manifest.Tables.FirstOrDefault(t => t.Role == "items") ?? dataset.Manifest.Tables[0];
        DatasetTable items = dataset.Open(table);
        TableSchema schema = items.Schema;
        int key = schema.IndexOf(table.Key ?? schema.Columns[0].Name);
        int vector = options.Encoder is not null ? -1 : schema.Columns.ToList().FindIndex(c => c.Kind == ColumnKind.FloatVector);
        int[] text = textColumns is null
            ? [.. Enumerable.Range(0, schema.Columns.Count).Where(i => i != key && schema.Columns[i].Kind == ColumnKind.String)]
            : [.. textColumns.Select(c => schema.IndexOf(c) is >= 0 and var i ? i : throw new InvalidDataException($"--text-columns {c}: {table.Name} has no such column"))];
        int reference = options.CompareTo is null ? -1
            : schema.IndexOf(options.CompareTo) is >= 0 and var column ? column : throw new InvalidDataException($"--compare-to {options.CompareTo}: {table.Name} has no such column");
        (int Offset, int Dimension)[]? blocks = options.Blocks is null ? null : Blocks(table, vector >= 0 ? schema.Columns[vector].Name : null, options.Blocks);
        var ids = new List<string>();
        var referenceValues = new List<string>();
        var embeddings = new List<float[]>();
        var texts = new List<string>();
        var fields = new List<string[]>();
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
                var values = new string[text.Length];
                for (int f = 0; f < text.Length; f++)
                {
                    values[f] = ((string[])batch.Columns[text[f]])[r];
                    line.Append(values[f]).Append(". ");
                }

                texts.Add(line.ToString());
                fields.Add(values);
                if (reference >= 0)
                {
                    referenceValues.Add(Convert.ToString(((Array)batch.Columns[reference]).GetValue(r), System.Globalization.CultureInfo.InvariantCulture) ?? "");
                }

                if (vector >= 0)
                {
                    float[] v = ((float[][])batch.Columns[vector])[r];
                    embeddings.Add(blocks is null ? (float[])v.Clone() : Select(v, blocks));
                }
            }
        }

        ITextEncoder encoder = options.Encoder ?? Hashed(0);
        float[][] vectors = vector >= 0 ? [.. embeddings] : Encode(fields, encoder);
        string what = vector < 0 ? $"{encoder.Name}-encoded " + string.Join(", ", text.Select(i => schema.Columns[i].Name))
            : schema.Columns[vector].Name + (options.Blocks is null ? "" : $" blocks {string.Join(", ", options.Blocks)}");
        ColumnKind idKind = schema.Columns[key].Kind is ColumnKind.Int64 or ColumnKind.Uuid ? schema.Columns[key].Kind : ColumnKind.String;
        return new ClusterInput([.. ids], vectors, [.. texts], $"{table.Name} ({what})", reference >= 0 ? [.. referenceValues] : null, idKind)
        {
            TextEncoder = vector >= 0 ? null : encoder,
        };
    }

    // The manifest's layout of the embedding column; each chosen block is used as written (unit length), so each
    // weighs the same in the distance.
    private static (int Offset, int Dimension)[] Blocks(ManifestTable table, string? column, IReadOnlyList<string> names)
    {
        ManifestEmbedding? layout = table.Embeddings?.FirstOrDefault(e => e.Column == column);
        if (layout is null)
        {
            throw new InvalidDataException($"--blocks: {table.Name} has no embedding with a recorded block layout (written by an older RecForge, or no embedding)");
        }

        return [.. names.Select(name => layout.Blocks.FirstOrDefault(b => b.Name == name) is { } b
            ? (b.Offset, b.Dimension)
            : throw new InvalidDataException($"--blocks {name}: {table.Name}.{column} has blocks {string.Join(", ", layout.Blocks.Select(x => x.Name))}"))];
    }

    private static float[] Select(float[] vector, (int Offset, int Dimension)[] blocks)
    {
        int width = 0;
        foreach ((int _, int dimension) in blocks)
        {
            width += dimension;
        }

        var result = new float[width];
        int at = 0;
        foreach ((int offset, int dimension) in blocks)
        {
            vector.AsSpan(offset, dimension).CopyTo(result.AsSpan(at));
            at += dimension;
        }

        return result;
    }

    private static ClusterInput FromCsv(string path, ClusterInputOptions options)
    {
        (IReadOnlyList<string>? textColumns, string? tagsFile) = (options.TextColumns, options.Tags);
        List<string[]> rows = CsvRecords.Read(path);
        if (rows.Count < 2)
        {
            throw new InvalidDataException($"{path}: no rows");
        }

        string[] header = rows[0];
        int[] text = textColumns is null
            ? [.. Enumerable.Range(1, header.Length - 1)]
            : [.. textColumns.Select(c => Array.IndexOf(header, c) is >= 0 and var i ? i : throw new InvalidDataException($"--text-columns {c}: {path} has columns {string.Join(", ", header)}"))];
        int reference = options.CompareTo is null ? -1
            : Array.IndexOf(header, options.CompareTo) is >= 0 and var column ? column : throw new InvalidDataException($"--compare-to {options.CompareTo}: {path} has columns {string.Join(", ", header)}");
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
        var fields = new string[rows.Count - 1][];
        string[]? referenceValues = reference >= 0 ? new string[rows.Count - 1] : null;
        for (int i = 1; i < rows.Count; i++)
        {
            string[] r = rows[i];
            ids[i - 1] = r[0];
            if (referenceValues is not null)
            {
                referenceValues[i - 1] = reference < r.Length ? r[reference] : "";
            }

            // MovieLens genres are pipe-separated ("Adventure|Animation"): make them words.
            var line = new StringBuilder();
            var values = new List<string>(text.Length + 1);
            foreach (int c in text)
            {
                values.Add(c < r.Length ? r[c].Replace('|', ',') : "");
                line.Append(values[^1]).Append(". ");
            }

            if (tags.TryGetValue(r[0], out StringBuilder? t))
            {
                values.Add(t.ToString());
                line.Append(t);
            }

            texts[i - 1] = line.ToString();
            fields[i - 1] = [.. values];
        }

        bool integers = ids.All(id => long.TryParse(id, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _));
        ITextEncoder encoder = options.Encoder ?? Hashed(options.Seed);
        return new ClusterInput(ids, Encode(fields, encoder), texts,
            $"{Path.GetFileName(path)} ({encoder.Name}-encoded {string.Join(", ", text.Select(i => header[i]))}{(tagsFile is null ? "" : " + " + Path.GetFileName(tagsFile))})", referenceValues,
            integers ? ColumnKind.Int64 : ColumnKind.String)
        {
            TextEncoder = encoder,
        };
    }

    /// <summary>The hashed n-gram encoder cluster uses when no model is named (its seed as before, so labels and clusters are unchanged).</summary>
    public static HashedTextEncoder Hashed(ulong seed) => new(seed ^ 0x7E47E4C0DE5UL, TextDimensions);

    // Each field (a text column, the tags) is encoded on its own and the unit vectors are averaged, so a short field
    // (genres) weighs as much as a long one (a hundred tags) and a sentence model reads each field as a sentence. On
    // MovieLens at k = 20 this raised the ARI against the first listed genre from 0.13 to 0.29 with MiniLM and from
    // 0.25 to 0.35 with the hashed encoder, and the silhouettes from 0.024 to 0.063 and 0.040 to 0.071 (docs/benchmarks.md, issue 22).
    private static float[][] Encode(IReadOnlyList<string[]> fields, ITextEncoder encoder)
    {
        var vectors = new float[fields.Count][];
        for (int i = 0; i < fields.Count; i++)
        {
            vectors[i] = new float[encoder.Dimension];
        }

        int width = fields.Count == 0 ? 0 : fields.Max(f => f.Length);
        var scratch = new float[fields.Count][];
        for (int f = 0; f < width; f++)
        {
            var texts = new List<string>();
            var owners = new List<int>();
            for (int i = 0; i < fields.Count; i++)
            {
                if (f < fields[i].Length && !string.IsNullOrWhiteSpace(fields[i][f]))
                {
                    texts.Add(fields[i][f]);
                    owners.Add(i);
                }
            }

            float[][] encoded = new float[texts.Count][];
            for (int j = 0; j < encoded.Length; j++)
            {
                encoded[j] = scratch[j] ??= new float[encoder.Dimension];
            }

            encoder.Encode(texts, encoded);
            for (int j = 0; j < encoded.Length; j++)
            {
                float[] sum = vectors[owners[j]];
                for (int d = 0; d < sum.Length; d++)
                {
                    sum[d] += encoded[j][d];
                }
            }
        }

        foreach (float[] vector in vectors)
        {
            double norm = 0;
            foreach (float v in vector)
            {
                norm += (double)v * v;
            }

            for (int d = 0; norm > 0 && d < vector.Length; d++)
            {
                vector[d] = (float)(vector[d] / Math.Sqrt(norm));
            }
        }

        return vectors;
    }
}
