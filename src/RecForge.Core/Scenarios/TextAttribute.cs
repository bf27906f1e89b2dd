namespace RecForge.Scenarios;

/// <summary>Text from templates whose placeholders draw words from per-category vocabularies.</summary>
internal sealed record TextAttribute(string Name, bool Output, int Slot, IReadOnlyList<TextTemplate> Templates)
    : AttributeDefinition(Name, Output, Slot);
