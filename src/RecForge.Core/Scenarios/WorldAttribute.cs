namespace RecForge.Scenarios;

/// <summary>A value the world model derives: popularity, taste clusters, a preference profile, an embedding or a creator.</summary>
internal sealed record WorldAttribute(string Name, bool Output, int Slot, WorldValueKind Kind, ProfileSource? Profile, EmbeddingDefinition? Embedding, CreatorLink? Creator = null)
    : AttributeDefinition(Name, Output, Slot);
