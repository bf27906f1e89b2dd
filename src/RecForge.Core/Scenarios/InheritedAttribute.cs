namespace RecForge.Scenarios;

/// <summary>The value of an attribute of the item's creator (a song's genres are its artist's).</summary>
/// <param name="Name">Attribute and column name.</param>
/// <param name="Output">Whether it is a column.</param>
/// <param name="Slot">Position in the row.</param>
/// <param name="Source">The creators' attribute copied.</param>
/// <param name="CreatorSlot">Slot of the item's <c>world: creator</c> attribute.</param>
internal sealed record InheritedAttribute(string Name, bool Output, int Slot, AttributeDefinition Source, int CreatorSlot)
    : AttributeDefinition(Name, Output, Slot);
