namespace RecForge.Scenarios;

/// <summary>How tables are written.</summary>
/// <param name="Format">parquet, csv or jsonl.</param>
/// <param name="RowGroupRows">Target rows per Parquet row group (capped by bytes for wide rows).</param>
/// <param name="PartitionRows">Rows of the driving entity per partition (one file per partition and table).</param>
public sealed record OutputDefinition(string Format, int RowGroupRows, long PartitionRows)
{
    /// <summary>The oracle's list length of the ground truth to write with the data (<c>ground_truth</c>); 0: no ground truth (the default).</summary>
    public int GroundTruthTopK { get; init; }
}
