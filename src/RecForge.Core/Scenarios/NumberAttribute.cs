using RecForge.Sampling;

namespace RecForge.Scenarios;

/// <summary>A number drawn from a sampler; integers are written as INT64.</summary>
internal sealed record NumberAttribute(string Name, bool Output, int Slot, IScalarSampler Sampler, bool Integer)
    : AttributeDefinition(Name, Output, Slot);
