namespace RecForge.Scenarios;

/// <summary>How embedding vectors are stored.</summary>
public enum EmbeddingStorage
{
    /// <summary>A list of float32 (Parquet LIST&lt;FLOAT&gt;).</summary>
    Float32,

    /// <summary>IEEE 754 binary16 values, little-endian, packed in one binary value per row (2 bytes per dimension): half the size.</summary>
    Float16,

    /// <summary>Not computed and not written.</summary>
    None,
}
