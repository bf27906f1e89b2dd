using RecForge.Sampling;

namespace RecForge.Scenarios;

/// <summary>A fixed-length float vector drawn from a Dirichlet or element-wise from a sampler.</summary>
internal sealed record VectorAttribute(string Name, bool Output, int Slot, int Dimension, IScalarSampler? Sampler, DirichletSampler? Dirichlet)
    : AttributeDefinition(Name, Output, Slot);
