namespace RecForge.Scenarios;

/// <summary>A JSON object whose fields are other attributes of the row (written as a JSON text column).</summary>
internal sealed record JsonAttribute(string Name, bool Output, int Slot, IReadOnlyList<(string Key, AttributeDefinition Source)> Fields)
    : AttributeDefinition(Name, Output, Slot);
