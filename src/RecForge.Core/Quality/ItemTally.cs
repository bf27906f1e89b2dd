using System.Text.Json;
using RecForge.Output;
using RecForge.Randomness;

namespace RecForge.Quality;

/// <summary>One pass over the items table: keys, categories, JSON entropies, finite values and an embedding sample.</summary>
internal sealed class ItemTally
{
    // Items kept for the 2-D projection (reservoir sample, fixed seed): enough to see the structure, small for the page.
    public const int ProjectionSample = 1200;

    private readonly DatasetColumns _columns;
    private readonly IReadOnlyList<string> _entropyPaths;
    private readonly string[] _countedColumns;
    private Rng _rng = new(0x5A3B1E);

    public ItemTally(DatasetColumns columns, IReadOnlyList<string> entropyPaths, IReadOnlyList<string> countedColumns, string? popularityColumn, int? embeddingDimension)
    {
        _columns = columns;
        _entropyPaths = entropyPaths;
        _countedColumns = [.. countedColumns];
        PopularityColumn = popularityColumn;
        EmbeddingDimension = embeddingDimension;
        foreach (string path in entropyPaths)
        {
            Entropy[path] = new Dictionary<string, long>(StringComparer.Ordinal);
        }

        foreach (string column in countedColumns)
        {
            Values[column] = new Dictionary<string, long>(StringComparer.Ordinal);
        }
    }

    public KeyIndex Keys { get; } = new();

    public long Rows { get; private set; }

    public ColumnFaults Duplicates { get; } = new();

    public ColumnFaults NonFinite { get; } = new();

    public ColumnFaults OutOfRange { get; } = new();

    public ColumnFaults WrongDimension { get; } = new();

    /// <summary>Category code (index into <see cref="CategoryNames"/>) per item index; −1 without a category column.</summary>
    public List<int> Category { get; } = [];

    public List<string> CategoryNames { get; } = [];

    public Dictionary<string, Dictionary<string, long>> Values { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Dictionary<string, long>> Entropy { get; } = new(StringComparer.Ordinal);

    public List<double> Popularity { get; } = [];

    public string? PopularityColumn { get; }

    public int? EmbeddingDimension { get; }

    public List<(float[] Vector, int Category)> Sample { get; } = [];

    public void Add(ColumnBatch batch, string table)
    {
        TableSchema schema = batch.Schema;
        Array key = batch.Columns[Require(schema, _columns.ItemKey!, table)];
        string[]? category = _columns.ItemCategory is { } cat && schema.IndexOf(cat) >= 0 ? Strings(batch.Columns[schema.IndexOf(cat)]) : null;
        float[][]? embedding = _columns.ItemEmbedding is { } e && schema.IndexOf(e) >= 0 ? batch.Columns[schema.IndexOf(e)] as float[][] : null;
        double[]? popularity = PopularityColumn is { } p && schema.IndexOf(p) >= 0 ? batch.Columns[schema.IndexOf(p)] as double[] : null;
        ColumnFaults.ScanNonFinite(batch, table, Rows, NonFinite);
        for (int r = 0; r < batch.Count; r++)
        {
            long row = Rows + r;
            if (!Keys.Add(KeyIndex.KeyOf(key, r)))
            {
                Duplicates.Add($"{table}.{_columns.ItemKey} row {row}: {key.GetValue(r)} appears again");
            }

            int code = -1;
            if (category is not null)
            {
                code = CategoryNames.IndexOf(category[r]);
                if (code < 0)
                {
                    code = CategoryNames.Count;
                    CategoryNames.Add(category[r]);
                }
            }

            Category.Add(code);
            if (popularity is not null)
            {
                Popularity.Add(popularity[r]);
                if (!(popularity[r] >= 0 && popularity[r] <= 1))
                {
                    OutOfRange.Add(ColumnFaults.Where(table, PopularityColumn!, row, popularity[r]));
                }
            }

            if (embedding is not null)
            {
                if (EmbeddingDimension is int dim && embedding[r].Length != dim)
                {
                    WrongDimension.Add($"{table}.{_columns.ItemEmbedding} row {row}: {embedding[r].Length} values, expected {dim}");
                }

                // Reservoir sampling (Vitter's algorithm R): each item ends up in the sample with equal probability.
                if (Sample.Count < ProjectionSample)
                {
                    Sample.Add(((float[])embedding[r].Clone(), code));
                }
                else if (_rng.NextInt64(row + 1) is var slot && slot < ProjectionSample)
                {
                    Sample[(int)slot] = ((float[])embedding[r].Clone(), code);
                }
            }
        }

        foreach (string column in _countedColumns)
        {
            if (schema.IndexOf(column) is >= 0 and var c && Strings(batch.Columns[c]) is { } values)
            {
                Dictionary<string, long> counts = Values[column];
                for (int r = 0; r < batch.Count; r++)
                {
                    counts[values[r] ?? ""] = counts.GetValueOrDefault(values[r] ?? "") + 1;
                }
            }
        }

        foreach (string path in _entropyPaths)
        {
            CountJsonOrColumn(batch, path);
        }

        Rows += batch.Count;
    }

    // "cultural_context.language": the key of a JSON column; a plain column name is counted as is.
    private void CountJsonOrColumn(ColumnBatch batch, string path)
    {
        Dictionary<string, long> counts = Entropy[path];
        int dot = path.IndexOf('.', StringComparison.Ordinal);
        int column = batch.Schema.IndexOf(dot < 0 ? path : path[..dot]);
        if (column < 0 || Strings(batch.Columns[column]) is not { } values)
        {
            return;
        }

        for (int r = 0; r < batch.Count; r++)
        {
            string value = values[r] ?? "";
            if (dot >= 0)
            {
                try
                {
                    using var doc = JsonDocument.Parse(value);
                    value = doc.RootElement.TryGetProperty(path[(dot + 1)..], out JsonElement v) ? v.ToString() : "";
                }
                catch (JsonException)
                {
                    value = "";
                }
            }

            counts[value] = counts.GetValueOrDefault(value) + 1;
        }
    }

    internal static string[]? Strings(Array column) => column switch
    {
        string[] s => s,
        long[] l => [.. l.Select(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture))],
        _ => null,
    };

    internal static int Require(TableSchema schema, string column, string table)
        => schema.IndexOf(column) is >= 0 and var i ? i : throw new InvalidDataException($"{table} has no column '{column}'");
}
