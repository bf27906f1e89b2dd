using RecForge.Expressions;
using RecForge.Sampling;

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

/// <summary>A number drawn from a sampler; integers are written as INT64.</summary>
public sealed record NumberAttribute(string Name, bool Output, int Slot, IScalarSampler Sampler, bool Integer)
    : AttributeDefinition(Name, Output, Slot);

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

/// <summary>
/// A set of distinct categories (a string list) of size min..max, drawn by weight without replacement.
/// <paramref name="LatentWeight"/> &gt; 0 puts the entity at the mean of its categories' centroids (an artist of rock and
/// blues between the two). <paramref name="Lean"/> tilts the weights toward popular categories for popular entities:
/// weight^(1 + lean × p), p = 1 for the most popular entity down to 0 for the least. <paramref name="MinFrom"/>/<paramref name="MaxFrom"/> read the bounds from a number
/// property of another attribute's category (e.g. <c>user_type.min_genres</c>).
/// </summary>
public sealed record SetAttribute(string Name, bool Output, int Slot, IReadOnlyList<Category> Categories, double[] Weights, int Min, int Max,
    double LatentWeight = 0, double Lean = 0, (int Slot, string Property)? MinFrom = null, (int Slot, string Property)? MaxFrom = null)
    : AttributeDefinition(Name, Output, Slot);

/// <summary>The value of an attribute of the item's creator (a song's genres are its artist's).</summary>
/// <param name="Name">Attribute and column name.</param>
/// <param name="Output">Whether it is a column.</param>
/// <param name="Slot">Position in the row.</param>
/// <param name="Source">The creators' attribute copied.</param>
/// <param name="CreatorSlot">Slot of the item's <c>world: creator</c> attribute.</param>
public sealed record InheritedAttribute(string Name, bool Output, int Slot, AttributeDefinition Source, int CreatorSlot)
    : AttributeDefinition(Name, Output, Slot);

/// <summary>A value computed from other attributes of the row.</summary>
public sealed record ExpressionAttribute(string Name, bool Output, int Slot, string Text, ExpressionNode Expression, bool Integer)
    : AttributeDefinition(Name, Output, Slot);

/// <summary>A JSON object whose fields are other attributes of the row (written as a JSON text column).</summary>
public sealed record JsonAttribute(string Name, bool Output, int Slot, IReadOnlyList<(string Key, AttributeDefinition Source)> Fields)
    : AttributeDefinition(Name, Output, Slot);

/// <summary>Text from templates whose placeholders draw words from per-category vocabularies.</summary>
public sealed record TextAttribute(string Name, bool Output, int Slot, IReadOnlyList<TextTemplate> Templates)
    : AttributeDefinition(Name, Output, Slot);

/// <summary>A fixed-length float vector drawn from a Dirichlet or element-wise from a sampler.</summary>
public sealed record VectorAttribute(string Name, bool Output, int Slot, int Dimension, IScalarSampler? Sampler, DirichletSampler? Dirichlet)
    : AttributeDefinition(Name, Output, Slot);

/// <summary>A value the world model derives: popularity, taste clusters, a preference profile, an embedding or a creator.</summary>
public sealed record WorldAttribute(string Name, bool Output, int Slot, WorldValueKind Kind, ProfileSource? Profile, EmbeddingDefinition? Embedding, CreatorLink? Creator = null)
    : AttributeDefinition(Name, Output, Slot);

/// <summary>
/// How items are spread over creators: item of popularity rank r (of n) goes to the creator of rank
/// ⌈c · ((r − ½)/n)^<paramref name="Skew"/> · e^(<paramref name="Noise"/> · z)⌉ (clamped), so top items mostly belong to top creators and
/// a skew above 1 gives popular creators more items.
/// </summary>
public sealed record CreatorLink(double Skew, double Noise, Ids.IdFormat IdFormat);

/// <summary>What a <see cref="WorldAttribute"/> derives.</summary>
public enum WorldValueKind
{
    /// <summary>Item popularity in (0, 1]: rank^-exponent of a seeded popularity ranking.</summary>
    Popularity,

    /// <summary>The names of the taste clusters a user is made of, strongest first.</summary>
    TasteClusters,

    /// <summary>The name of a user's strongest taste cluster (its segment).</summary>
    TasteCluster,

    /// <summary>A vector property of a categorical attribute averaged over the entity's affinity to each category.</summary>
    PreferenceProfile,

    /// <summary>The item embedding, built from blocks.</summary>
    Embedding,

    /// <summary>The id of the item's creator: creators are assigned by popularity rank, so popular items tend to belong to popular creators.</summary>
    Creator,
}

/// <summary>The categorical attribute and vector property a preference profile averages.</summary>
public sealed record ProfileSource(CategoryAttribute Attribute, string Property, int Dimension);

/// <summary>
/// A value read from the entity's catalogue file (<c>{ column: title }</c>): integers, numbers, texts, or lists when
/// the texts are split on a separator (MovieLens genres <c>Comedy|Drama</c>). Exactly one of the arrays is set.
/// </summary>
public sealed record ColumnAttribute(string Name, bool Output, int Slot, string Column, long[]? Integers, double[]? Numbers, string[]? Texts, string[][]? Lists)
    : AttributeDefinition(Name, Output, Slot);
