using RecForge.Ids;

namespace RecForge.Scenarios;

/// <summary>The categories of an attribute as a table: an id, the name and the weight (<c>genres</c>: G001, Rock, 0.12).</summary>
/// <param name="Table">Output table name.</param>
/// <param name="Categories">The categories, in declaration order (ids follow it).</param>
/// <param name="IdColumn">Id column name.</param>
/// <param name="IdFormat">Id format, applied to the category's position.</param>
/// <param name="NameColumn">Name column.</param>
/// <param name="WeightColumn">Weight column (the configured share).</param>
internal sealed record CategoryTableDefinition(string Table, IReadOnlyList<Category> Categories, string IdColumn, IdFormat IdFormat, string NameColumn, string WeightColumn)
    : DerivedTableDefinition(Table)
{
    /// <summary>The id of category <paramref name="index"/> as text.</summary>
    public string IdOf(int index) => IdFormat.Format(index);
}
