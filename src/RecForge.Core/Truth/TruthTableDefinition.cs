using RecForge.Scenarios;

namespace RecForge.Truth;

/// <summary>A ground-truth table (<c>--ground-truth</c>): written beside the scenario's tables, with role <c>truth</c> in the manifest.</summary>
/// <param name="Table">Table name (<c>truth_users</c>, …).</param>
/// <param name="Kind">What it holds.</param>
/// <param name="TopK">The oracle's list length (for <see cref="TruthKind.TopK"/> and <see cref="TruthKind.TopKUnseen"/>).</param>
internal sealed record TruthTableDefinition(string Table, TruthKind Kind, int TopK) : DerivedTableDefinition(Table);
