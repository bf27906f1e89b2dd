namespace RecForge.Quality;

/// <summary>One sampled item on the 2-D projection, with its category (e.g. top-level genre) and k-means cluster.</summary>
/// <param name="X">First principal component.</param>
/// <param name="Y">Second principal component.</param>
/// <param name="Category">Category value, or empty.</param>
/// <param name="Cluster">k-means cluster of the sample (k = number of categories, at least 2).</param>
public sealed record ProjectedItem(double X, double Y, string Category, int Cluster);
