namespace RecForge.Output;

/// <summary>The logical type of an output column.</summary>
public enum ColumnKind
{
    /// <summary>64-bit integer.</summary>
    Int64,

    /// <summary>64-bit float.</summary>
    Double,

    /// <summary>UTF-8 text.</summary>
    String,

    /// <summary>UTF-8 text holding a JSON object.</summary>
    Json,

    /// <summary>List of texts.</summary>
    StringList,

    /// <summary>Fixed-length list of 32-bit floats (an embedding).</summary>
    FloatVector,

    /// <summary>Fixed-length vector of IEEE binary16 values packed little-endian in a byte array.</summary>
    HalfVector,

    /// <summary>UUID.</summary>
    Uuid,

    /// <summary>Instant in UTC with second resolution.</summary>
    Timestamp,
}
