using System.Text;
using System.Text.Json.Nodes;
using RecForge.Output;

namespace RecForge.Connectors.Milvus;

/// <summary>One field of the collection: its Milvus type, its Parquet column, and how a RecForge column becomes it.</summary>
internal sealed class MilvusField
{
    // Milvus VarChar max_length is in bytes and at most 65,535.
    private const int MaxVarChar = 65_535;

    private readonly int _batchRows;
    private int _maxBytes;
    private int _maxItems;

    public MilvusField(ColumnSpec source, int sourceIndex, bool isPrimary, int batchRows)
    {
        Source = source;
        SourceIndex = sourceIndex;
        IsPrimary = isPrimary;
        _batchRows = batchRows;
        (DataType, Column) = source.Kind switch
        {
            ColumnKind.Int64 => ("Int64", source),
            ColumnKind.Double => ("Double", source),
            ColumnKind.String => ("VarChar", source),
            ColumnKind.Json => ("JSON", source with { Kind = ColumnKind.String }), // Milvus reads JSON fields from plain strings
            ColumnKind.Uuid => ("VarChar", source with { Kind = ColumnKind.String }),
            ColumnKind.Timestamp => ("Int64", source with { Kind = ColumnKind.Int64 }), // epoch seconds: Milvus has no instant type
            ColumnKind.StringList => ("Array", source),
            ColumnKind.FloatVector => ("FloatVector", source),
            _ => throw new MilvusExportException($"column '{source.Name}': {source.Kind} has no Milvus type"),
        };
    }

    public ColumnSpec Source { get; }

    public int SourceIndex { get; }

    public bool IsPrimary { get; }

    public string DataType { get; }

    /// <summary>The Parquet column written for the field.</summary>
    public ColumnSpec Column { get; }

    private string[]? Texts { get; set; }

    private long[]? Seconds { get; set; }

    /// <summary>The field's values for a batch, converted where Milvus needs another type; records text lengths for max_length.</summary>
    public Array Convert(ColumnBatch batch)
    {
        Array values = batch.Columns[SourceIndex];
        switch (values)
        {
            case Guid[] ids:
                Texts ??= new string[_batchRows];
                for (int i = 0; i < batch.Count; i++)
                {
                    Texts[i] = ids[i].ToString();
                }

                _maxBytes = 36;
                return Texts;
            case DateTime[] times:
                Seconds ??= new long[_batchRows];
                for (int i = 0; i < batch.Count; i++)
                {
                    Seconds[i] = new DateTimeOffset(times[i], TimeSpan.Zero).ToUnixTimeSeconds();
                }

                return Seconds;
            case string[] texts:
                for (int i = 0; i < batch.Count; i++)
                {
                    _maxBytes = Math.Max(_maxBytes, Encoding.UTF8.GetByteCount(texts[i]));
                }

                return texts;
            case string[][] lists:
                for (int i = 0; i < batch.Count; i++)
                {
                    _maxItems = Math.Max(_maxItems, lists[i].Length);
                    foreach (string item in lists[i])
                    {
                        _maxBytes = Math.Max(_maxBytes, Encoding.UTF8.GetByteCount(item));
                    }
                }

                return lists;
            default:
                return values;
        }
    }

    /// <summary>The field in the shape of Milvus's REST <c>collections/create</c> body.</summary>
    public JsonObject ToJson()
    {
        var field = new JsonObject { ["fieldName"] = Source.Name, ["dataType"] = DataType };
        if (IsPrimary)
        {
            field["isPrimary"] = true;
        }

        switch (DataType)
        {
            case "FloatVector":
                field["elementTypeParams"] = new JsonObject { ["dim"] = Source.Dimension };
                break;
            case "VarChar":
                field["elementTypeParams"] = new JsonObject { ["max_length"] = MaxLength() };
                break;
            case "Array":
                field["elementDataType"] = "VarChar";
                field["elementTypeParams"] = new JsonObject { ["max_length"] = MaxLength(), ["max_capacity"] = Math.Max(1, _maxItems) };
                break;
        }

        return field;
    }

    /// <summary>VarChar fields get the longest value seen, rounded up to a power of two so similar data fits too.</summary>
    public int MaxLength()
    {
        if (_maxBytes > MaxVarChar)
        {
            throw new MilvusExportException($"column '{Source.Name}': a value of {_maxBytes:N0} bytes exceeds Milvus's VarChar limit of {MaxVarChar:N0}; leave it out with --fields");
        }

        return Math.Min(MaxVarChar, Math.Max(64, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)_maxBytes)));
    }
}
