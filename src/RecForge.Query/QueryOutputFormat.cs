namespace RecForge.Query;

/// <summary>File formats a query result can be written in.</summary>
public enum QueryOutputFormat
{
    /// <summary>CSV with a header.</summary>
    Csv,

    /// <summary>JSON Lines: one object per row.</summary>
    Json,

    /// <summary>Parquet (Snappy).</summary>
    Parquet,
}
