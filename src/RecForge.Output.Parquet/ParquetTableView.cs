using ParquetSharp;
using RecForge.Output;
using RecForge.Quality;

namespace RecForge.Output.Parquet;

/// <summary>Opens a manifest table as a <see cref="TableView"/> for the validator; damaged files surface as <see cref="InvalidDataException"/>.</summary>
public static class ParquetTableView
{
    /// <summary>A view of <paramref name="table"/> in <paramref name="directory"/>; a table that cannot be opened reads as an error with no columns.</summary>
    public static TableView Open(string directory, ManifestTable table, int batchRows = 65_536)
    {
        ParquetDatasetTable opened;
        try
        {
            opened = ParquetDatasetTable.Open(directory, table);
        }
        catch (Exception e) when (e is ParquetException or InvalidDataException or IOException)
        {
            string message = Describe(table, e);
            return new TableView(table.Name, new TableSchema(table.Name, []), () => throw new InvalidDataException(message));
        }

        return new TableView(table.Name, opened.Schema, () => Guarded(opened, batchRows));
    }

    private static IEnumerable<ColumnBatch> Guarded(ParquetDatasetTable table, int batchRows)
    {
        using IEnumerator<ColumnBatch> e = table.Read(batchRows).GetEnumerator();
        while (true)
        {
            bool more;
            try
            {
                more = e.MoveNext();
            }
            catch (Exception x) when (x is ParquetException or IOException)
            {
                throw new InvalidDataException($"{table.CurrentFile ?? table.Table.Name}: {x.Message.Split('\n')[0].Trim()}", x);
            }

            if (!more)
            {
                yield break;
            }

            yield return e.Current;
        }
    }

    private static string Describe(ManifestTable table, Exception e) => $"{table.Name}: {e.Message.Split('\n')[0].Trim()}";
}
