namespace RecForge.Scenarios;

/// <summary>A table derived from the entities or the events rather than generated row by row (declared under <c>tables:</c>).</summary>
/// <param name="Table">Output table name.</param>
public abstract record DerivedTableDefinition(string Table);
