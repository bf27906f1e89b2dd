namespace RecForge.Scenarios;

/// <summary>What a <see cref="WorldAttribute"/> derives.</summary>
internal enum WorldValueKind
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
