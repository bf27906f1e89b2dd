namespace RecForge.Scenarios;

/// <summary>The categorical attribute and vector property a preference profile averages.</summary>
internal sealed record ProfileSource(CategoryAttribute Attribute, string Property, int Dimension);
