using System.Text.Json;
using System.Text.Json.Nodes;
using RecForge.Datasets;
using RecForge.Output;
using RecForge.Output.Parquet;
using RecForge.Reading;

namespace RecForge.Connectors.Milvus;

/// <summary>
/// Writes a catalogue as Milvus bulk-import input: <c>collection.json</c> (the REST <c>collections/create</c> body:
/// primary key, FLOAT_VECTOR, scalar fields, HNSW index with cosine metric), <c>import.json</c> (the
/// <c>jobs/import/create</c> body) and row-based Parquet files with one column per field.
/// </summary>
public static class MilvusExporter
{
    /// <summary>The schema file's name.</summary>
    public const string CollectionFile = "collection.json";

    /// <summary>The import request's file name.</summary>
    public const string ImportFile = "import.json";

    // The HNSW build settings RecForge uses everywhere (pgvector too): M 16, efConstruction 200.
    private const int HnswM = 16;
    private const int HnswEfConstruction = 200;
    private const int BatchRows = 4096;
    private const long TargetFileBytes = 512L << 20;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Exports the catalogue of the dataset in <paramref name="directory"/>.</summary>
    /// <exception cref="MilvusExportException">The dataset or the options do not allow the export.</exception>
    public static MilvusExportResult Export(string directory, MilvusExportOptions options, IProgress<RecForge.Generation.GenerationProgress>? progress = null)
    {
        if (!File.Exists(Path.Combine(directory, Manifest.FileName)))
        {
            throw new MilvusExportException($"{directory}: no {Manifest.FileName}: not a finished RecForge dataset");
        }

        RecForgeDataset dataset;
        try
        {
            dataset = RecForgeDataset.Open(directory);
        }
        catch (InvalidDataException e)
        {
            throw new MilvusExportException(e.Message, e);
        }

        Manifest manifest = dataset.Manifest;

        ManifestTable table = (options.Table is null
            ? manifest.Tables.FirstOrDefault(t => t.Role == "items") ?? manifest.Tables[0]
            : manifest.Tables.FirstOrDefault(t => t.Name == options.Table))
            ?? throw new MilvusExportException($"--table {options.Table}: the dataset has tables {string.Join(", ", manifest.Tables.Select(t => t.Name))}");
        if (Directory.Exists(options.Output) && Directory.EnumerateFileSystemEntries(options.Output).Any())
        {
            throw new MilvusExportException($"{options.Output}: exists and is not empty; choose a new folder");
        }

        DatasetTable source;
        try
        {
            source = dataset.Open(table);
        }
        catch (InvalidDataException e)
        {
            throw new MilvusExportException(e.Message, e);
        }

        List<MilvusField> fields = Fields(source, options);
        var schema = new TableSchema(table.Name, [.. fields.Select(f => f.Column)]);
        long rowsPerFile = options.RowsPerFile ?? Math.Max(1, TargetFileBytes / Math.Max(1, schema.EstimatedRowBytes));
        string collection = options.Collection ?? table.Name;

        var files = new List<string>();
        try
        {
            WriteData(source, fields, schema, rowsPerFile, options.Output, files, progress);
        }
        catch
        {
            // The folder was new or empty: take back everything written so no partial export looks finished.
            if (Directory.Exists(options.Output))
            {
                Directory.Delete(options.Output, recursive: true);
            }

            throw;
        }

        var request = new JsonObject
        {
            ["collectionName"] = collection,
            ["schema"] = new JsonObject
            {
                ["autoId"] = false,
                ["enableDynamicField"] = false,
                ["fields"] = new JsonArray([.. fields.Select(f => (JsonNode)f.ToJson())]),
            },
            ["indexParams"] = new JsonArray([.. fields.Where(f => f.DataType == "FloatVector").Select(f => (JsonNode)new JsonObject
            {
                ["fieldName"] = f.Source.Name,
                ["indexName"] = f.Source.Name + "_hnsw",
                ["metricType"] = "COSINE",
                ["indexType"] = "HNSW",
                ["params"] = new JsonObject { ["M"] = HnswM, ["efConstruction"] = HnswEfConstruction },
            })]),
        };
        var import = new JsonObject
        {
            ["collectionName"] = collection,
            ["files"] = new JsonArray([.. files.Select(f => (JsonNode)new JsonArray(f))]),
        };
        WriteJson(Path.Combine(options.Output, CollectionFile), request);
        WriteJson(Path.Combine(options.Output, ImportFile), import);
        return new MilvusExportResult(collection, source.Rows, files, [.. fields.Select(f => f.Source.Name)]);
    }

    private static void WriteData(DatasetTable source, List<MilvusField> fields, TableSchema schema, long rowsPerFile, string output, List<string> files,
        IProgress<RecForge.Generation.GenerationProgress>? progress)
    {
        string table = source.Table.Name;
        var batch = new ColumnBatch(schema, 0);
        ParquetTableWriter? writer = null;
        long rows = 0, inFile = 0;
        try
        {
            foreach (ColumnBatch read in source.Read(BatchRows))
            {
                for (int f = 0; f < fields.Count; f++)
                {
                    batch.Columns[f] = fields[f].Convert(read);
                }

                int offset = 0;
                while (offset < read.Count)
                {
                    if (writer is null || inFile == rowsPerFile)
                    {
                        Finish(writer, files, output);
                        string name = $"{table}/part-{files.Count:D5}.parquet";
                        writer = new ParquetTableWriter(Path.Combine(output, name), schema, new TableWriterOptions((int)Math.Min(rowsPerFile, 1 << 20)));
                        inFile = 0;
                    }

                    int take = (int)Math.Min(read.Count - offset, rowsPerFile - inFile);
                    writer.Write(Slice(batch, offset, take));
                    offset += take;
                    inFile += take;
                    rows += take;
                }

                progress?.Report(new RecForge.Generation.GenerationProgress(rows, source.Rows));
            }

            Finish(writer, files, output);
            writer = null;
        }
        finally
        {
            writer?.Dispose();
        }
    }

    private static List<MilvusField> Fields(DatasetTable source, MilvusExportOptions options)
    {
        TableSchema schema = source.Schema;
        string key = source.Table.Key ?? schema.Columns[0].Name;
        int keyIndex = schema.IndexOf(key);
        var vectors = schema.Columns.Where(c => c.Kind == ColumnKind.FloatVector).ToList();
        if (keyIndex < 0 || schema.Columns[keyIndex].Kind is not (ColumnKind.Int64 or ColumnKind.Uuid or ColumnKind.String))
        {
            throw new MilvusExportException($"table '{source.Table.Name}': no Int64 or text key column for the Milvus primary key");
        }

        if (vectors.Count == 0)
        {
            throw new MilvusExportException($"table '{source.Table.Name}' has no vector column (was it generated with --embedding-type none?)");
        }

        var fields = new List<MilvusField> { new(schema.Columns[keyIndex], keyIndex, isPrimary: true, BatchRows) };
        foreach (ColumnSpec vector in vectors)
        {
            fields.Add(new MilvusField(vector, schema.IndexOf(vector.Name), isPrimary: false, BatchRows));
        }

        IEnumerable<string> wanted = options.Fields
            ?? schema.Columns.Where(c => c.Name != key && c.Kind != ColumnKind.FloatVector).Select(c => c.Name);
        foreach (string name in wanted)
        {
            int index = schema.IndexOf(name);
            if (index < 0)
            {
                throw new MilvusExportException($"--fields {name}: table '{source.Table.Name}' has columns {string.Join(", ", schema.Columns.Select(c => c.Name))}");
            }

            if (name != key && schema.Columns[index].Kind != ColumnKind.FloatVector)
            {
                fields.Add(new MilvusField(schema.Columns[index], index, isPrimary: false, BatchRows));
            }
        }

        return fields;
    }

    private static ColumnBatch Slice(ColumnBatch batch, int offset, int count)
    {
        if (offset == 0)
        {
            batch.Count = count;
            return batch;
        }

        var slice = new ColumnBatch(batch.Schema, 0);
        for (int c = 0; c < batch.Columns.Length; c++)
        {
            Array part = Array.CreateInstance(batch.Columns[c].GetType().GetElementType()!, count);
            Array.Copy(batch.Columns[c], offset, part, 0, count);
            slice.Columns[c] = part;
        }

        slice.Count = count;
        return slice;
    }

    private static void Finish(ParquetTableWriter? writer, List<string> files, string output)
    {
        if (writer is null)
        {
            return;
        }

        WrittenFile file = writer.Complete()[0];
        writer.Dispose();
        files.Add(Path.GetRelativePath(output, file.Path).Replace('\\', '/'));
    }

    private static void WriteJson(string path, JsonNode node)
    {
        using var file = new AtomicFile(path);
        File.WriteAllText(file.TemporaryPath, node.ToJsonString(Indented) + "\n");
        file.Commit(0);
    }
}
