using RecForge.Expressions;

namespace RecForge.Scenarios;

/// <summary>A value computed from other attributes of the row.</summary>
internal sealed record ExpressionAttribute(string Name, bool Output, int Slot, string Text, ExpressionNode Expression, bool Integer)
    : AttributeDefinition(Name, Output, Slot);
