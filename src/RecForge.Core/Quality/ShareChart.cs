namespace RecForge.Quality;

/// <summary>Measured and configured shares of one categorical attribute.</summary>
/// <param name="Name">Attribute (column) name.</param>
/// <param name="Categories">Category values.</param>
/// <param name="Measured">Measured shares.</param>
/// <param name="Target">Configured shares, or null.</param>
public sealed record ShareChart(string Name, IReadOnlyList<string> Categories, IReadOnlyList<double> Measured, IReadOnlyList<double>? Target);
