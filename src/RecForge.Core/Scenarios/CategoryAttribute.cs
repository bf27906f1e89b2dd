using RecForge.Sampling;

namespace RecForge.Scenarios;

/// <summary>
/// One category drawn by weight; <paramref name="LatentWeight"/> &gt; 0 pulls the entity's taste position toward the
/// category's centroid. <paramref name="Stratified"/>: shares are exact (<see cref="StratifiedDraw"/>) instead of drawn.
/// </summary>
public sealed record CategoryAttribute(string Name, bool Output, int Slot, IReadOnlyList<Category> Categories, AliasTable Table, double LatentWeight, bool IsTaxonomy, bool Stratified = false)
    : AttributeDefinition(Name, Output, Slot)
{
    /// <summary>The exact-share assignment of <paramref name="count"/> entities, or null when categories are drawn.</summary>
    public StratifiedDraw? Stratify(long count, ulong seed)
    {
        if (!Stratified)
        {
            return null;
        }

        var weights = new double[Categories.Count];
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = Categories[i].Weight;
        }

        return new StratifiedDraw(weights, count, Randomness.StreamKey.Combine(seed, Randomness.StreamKey.Of("stratified:" + Name)));
    }

    /// <summary>Index of the category with this value (or taxonomy group), or -1.</summary>
    public int IndexOf(string value)
    {
        for (int i = 0; i < Categories.Count; i++)
        {
            if (Categories[i].Value == value)
            {
                return i;
            }
        }

        return -1;
    }
}
