namespace RecForge.Scenarios;

/// <summary>An attribute of an entity: how its value is made and whether it is written as a column.</summary>
/// <param name="Name">Attribute and column name.</param>
/// <param name="Output">Whether the attribute is a column (false for helpers read only by other attributes).</param>
/// <param name="Slot">Position in the entity's row of values.</param>
public abstract record AttributeDefinition(string Name, bool Output, int Slot)
{
    /// <summary>Slots of the attributes of the same entity this one reads (all lower than <see cref="Slot"/>).</summary>
    public IReadOnlyList<int> DependsOn { get; init; } = [];
}
