using System.Globalization;
using RecForge.Output;
using RecForge.Reading;
using RecForge.Scenarios;

namespace RecForge.Datasets.Exports;

/// <summary>
/// A RecBole feature file (<c>.item</c> or <c>.user</c>) from an entity table: the key as the given field
/// (<c>item_id</c> / <c>user_id</c>, the names RecBole's defaults expect), texts and ids as <c>token</c>, lists as
/// <c>token_seq</c>, numbers and times as <c>float</c>, vectors as <c>float_seq</c>. JSON columns are left out.
/// </summary>
internal static class RecBoleFeatures
{
    public static string Write(RecForgeDataset dataset, EntityDefinition entity, string key, string path, CancellationToken cancellation)
    {
        DatasetTable table = dataset.Table(entity.Table);
        TableSchema schema = table.Schema;
        int[] columns = [.. Enumerable.Range(0, schema.Columns.Count).Where(c => schema.Columns[c].Kind != ColumnKind.Json)];
        string[] header = [.. columns.Select(c => schema.Columns[c].Name == entity.IdColumn ? key + ":token" : Token(schema.Columns[c].Name) + ":" + TypeOf(schema.Columns[c].Kind))];
        using var file = new TextTable(path, '\t', header);
        var cells = new string[columns.Length];
        foreach (ColumnBatch batch in table.Read(cancellation: cancellation))
        {
            for (int row = 0; row < batch.Count; row++)
            {
                for (int i = 0; i < columns.Length; i++)
                {
                    cells[i] = Cell(batch.Columns[columns[i]], row);
                }

                file.Row(cells);
            }
        }

        file.Complete();
        return Path.GetRelativePath(Path.GetDirectoryName(Path.GetDirectoryName(path))!, path).Replace('\\', '/');
    }

    /// <summary>A value as one token: tabs and line breaks would break the file, so they become spaces.</summary>
    public static string Token(string value) => value.AsSpan().IndexOfAny('\t', '\n', '\r') < 0 ? value
        : value.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');

    // Sequences are space-separated (RecBole's default seq_separator), so spaces inside a token become underscores.
    private static string SequenceToken(string value) => Token(value).Replace(' ', '_');

    private static string TypeOf(ColumnKind kind) => kind switch
    {
        ColumnKind.Int64 or ColumnKind.Double or ColumnKind.Timestamp => "float",
        ColumnKind.StringList => "token_seq",
        ColumnKind.FloatVector or ColumnKind.HalfVector => "float_seq",
        _ => "token",
    };

    private static string Cell(Array column, int row) => column switch
    {
        long[] l => l[row].ToString(CultureInfo.InvariantCulture),
        double[] d => TextValues.Double(d[row]),
        DateTime[] t => ((long)(t[row] - DateTime.UnixEpoch).TotalSeconds).ToString(CultureInfo.InvariantCulture),
        Guid[] g => g[row].ToString("D"),
        string[] s => Token(s[row]),
        string[][] lists => string.Join(' ', lists[row].Select(SequenceToken)),
        float[][] vectors => string.Join(' ', vectors[row].Select(f => f.ToString("R", CultureInfo.InvariantCulture))),
        _ => throw new InvalidDataException($"a column of {column.GetType().Name} cannot be exported"),
    };
}
