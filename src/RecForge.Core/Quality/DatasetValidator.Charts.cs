using RecForge.Clustering;
using RecForge.Scenarios;

namespace RecForge.Quality;

/// <summary>The report's charts: category shares, the rank–frequency curve and its Zipf fit, the item map.</summary>
public static partial class DatasetValidator
{
    private static ShareChart CategoryShares(CategoryAttribute a, Dictionary<string, long> counts)
    {
        // Taxonomies are compared at their top level, where the configured weights are.
        string[] groups = [.. a.Categories.Select(c => c.Group).Distinct()];
        var measured = new double[groups.Length];
        var target = new double[groups.Length];
        double total = Math.Max(1, counts.Values.Sum());
        foreach (var (value, count) in counts)
        {
            int g = Array.IndexOf(groups, a.IsTaxonomy ? value.Split(" > ")[0] : value);
            if (g >= 0)
            {
                measured[g] += count / total;
            }
        }

        double weights = a.Categories.Sum(c => c.Weight);
        foreach (Category c in a.Categories)
        {
            target[Array.IndexOf(groups, c.Group)] += c.Weight / weights;
        }

        return new ShareChart(a.Name, groups, measured, target);
    }

    private static (double Alpha, int To) EventZipf(long[] itemCounts)
    {
        long[] sorted = (long[])itemCounts.Clone();
        Array.Sort(sorted);
        Array.Reverse(sorted);
        int to = Math.Max(2, Math.Min(sorted.Length, sorted.Count(c => c >= 5)));
        return to > sorted.Length ? (double.NaN, 0) : (ZipfFit.Estimate(sorted.AsSpan(0, to).ToArray().Select(c => (double)c).ToArray()), to);
    }

    private static (double, double)[] RankPoints(long[] itemCounts)
    {
        long[] sorted = (long[])itemCounts.Clone();
        Array.Sort(sorted);
        Array.Reverse(sorted);
        var points = new List<(double, double)>();
        int last = -1;
        for (double r = 1; r <= sorted.Length; r *= 1.05)
        {
            int rank = (int)r;
            if (rank != last && sorted[rank - 1] > 0)
            {
                points.Add((rank, sorted[rank - 1]));
                last = rank;
            }
        }

        return [.. points];
    }

    // The sample on its first two principal components, coloured by top-level category and by a k-means clustering of
    // the sample (k = number of categories): the cluster map.
    private static ProjectedItem[] Project(ItemTally items)
    {
        if (items.Sample.Count < 3)
        {
            return [];
        }

        float[][] vectors = [.. items.Sample.Select(s => s.Vector)];
        (double X, double Y)[] xy = Pca.Project2D(vectors);
        string[] names = [.. items.Sample.Select(s => s.Category >= 0 ? items.CategoryNames[s.Category].Split(" > ")[0] : "")];
        int k = Math.Clamp(names.Distinct().Count(), 2, Math.Min(12, vectors.Length));
        float[][] unit = [.. vectors.Select(v => { var u = (float[])v.Clone(); World.VectorMath.Normalize(u); return u; })];
        int[] clusters = KMeans.Fit(unit, k, 42).Assignments;
        return [.. xy.Select((p, i) => new ProjectedItem(p.X, p.Y, names[i], clusters[i]))];
    }
}
