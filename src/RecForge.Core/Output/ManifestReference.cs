namespace RecForge.Output;

/// <summary>A column of one table that holds the key of another (a foreign key).</summary>
/// <param name="Column">The referencing column.</param>
/// <param name="Table">The referenced table (its key column is the target).</param>
public sealed record ManifestReference(string Column, string Table);
