namespace RecForge.Scenarios;

/// <summary>A taste cluster: a named direction in taste space made of the item categories it likes.</summary>
/// <param name="Name">Cluster name (e.g. mainstream, arthouse).</param>
/// <param name="Weight">Share of users whose strongest cluster this is.</param>
/// <param name="Likes">Item attribute categories (attribute, category index) the cluster is drawn toward.</param>
/// <remarks>
/// A cluster may instead be placed at an explicit <see cref="Centroid"/> (a fitted mixture component), and give its
/// users a per-dimension <see cref="Spread"/> around it.
/// </remarks>
public sealed record TasteClusterDefinition(string Name, double Weight, IReadOnlyList<(CategoryAttribute Attribute, int Category)> Likes)
{
    /// <summary>An explicit centroid (normalised when used), or null to build it from <see cref="Likes"/>.</summary>
    public float[]? Centroid { get; init; }

    /// <summary>Standard deviation of the users of this cluster around the centroid, per dimension, or null for none.</summary>
    public float[]? Spread { get; init; }

    /// <summary>Directions users of this cluster vary along together, each scaled by its standard deviation: a user adds z · axis for each (z ~ N(0, 1)). Empty for none.</summary>
    public IReadOnlyList<float[]> Axes { get; init; } = [];
}
