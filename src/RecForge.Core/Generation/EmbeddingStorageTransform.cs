using RecForge.Scenarios;

namespace RecForge.Generation;

/// <summary>Applies <c>--embedding-type</c> to a scenario: float16 storage, or no embedding column at all.</summary>
public static class EmbeddingStorageTransform
{
    /// <summary>The scenario with every embedding stored as <paramref name="storage"/> (unchanged for float32).</summary>
    public static ScenarioDefinition Apply(ScenarioDefinition scenario, EmbeddingStorage storage)
    {
        if (storage == EmbeddingStorage.Float32)
        {
            return scenario;
        }

        AttributeDefinition[] attributes = [.. scenario.Items.Attributes.Select(a => a is WorldAttribute { Embedding: { } e } w
            ? w with { Output = storage != EmbeddingStorage.None && w.Output, Embedding = e with { Storage = storage } }
            : a)];
        return scenario with { Items = scenario.Items with { Attributes = attributes } };
    }
}
