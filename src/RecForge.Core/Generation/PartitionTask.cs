namespace RecForge.Generation;

/// <summary>One unit of work: rows [Start, End) of a table's driving entity, written as file number <see cref="Index"/>.</summary>
/// <param name="Table">Table name.</param>
/// <param name="Index">Partition number (file name part-NNNNN).</param>
/// <param name="Start">First entity index.</param>
/// <param name="End">One past the last entity index.</param>
public sealed record PartitionTask(string Table, int Index, long Start, long End);
