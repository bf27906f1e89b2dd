using RecForge.Output;
using RecForge.Output.Parquet;

namespace RecForge.Cli.Tests.Validation;

/// <summary>Breaks a copy of a dataset on purpose: rewrites the Parquet files of a table with a change applied to each file's rows.</summary>
internal static class DatasetSurgery
{
    public static string Copy(string source)
    {
        string target = Cli.TempDirectory();
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            if (file.Contains("_report", StringComparison.Ordinal))
            {
                continue;
            }

            string to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }

    /// <summary>Rewrites every file of <paramref name="table"/> (or only the first) after <paramref name="change"/> edits its rows, without column <paramref name="drop"/>; partition columns stay in the paths.</summary>
    public static void Rewrite(string directory, string table, Action<ColumnBatch> change, bool firstFileOnly = false, string? drop = null)
    {
        ManifestTable entry = Manifest.Load(directory).Tables.Single(t => t.Name == table);
        foreach (ManifestFile file in firstFileOnly ? entry.Files.Take(1) : entry.Files)
        {
            ParquetDatasetTable one = ParquetDatasetTable.Open(directory, entry with { Files = [file], Rows = file.Rows });
            ColumnBatch batch = one.Read(checked((int)file.Rows)).Single();
            change(batch);
            int kept = one.Schema.Columns.Count - (entry.PartitionBy?.Count ?? 0);
            int[] columns = [.. Enumerable.Range(0, kept).Where(c => one.Schema.Columns[c].Name != drop)];
            var schema = new TableSchema(table, [.. columns.Select(c => one.Schema.Columns[c])]);
            var written = new ColumnBatch(schema, 1) { Count = batch.Count };
            for (int c = 0; c < columns.Length; c++)
            {
                written.Columns[c] = batch.Columns[columns[c]];
            }

            string path = Path.Combine(directory, file.Path);
            File.Delete(path);
            using var writer = new ParquetTableWriter(path, schema, new TableWriterOptions(1 << 20));
            writer.Write(written);
            writer.Complete();
        }
    }

    public static T[] Column<T>(ColumnBatch batch, string name) => (T[])batch.Columns[batch.Schema.IndexOf(name)];
}
