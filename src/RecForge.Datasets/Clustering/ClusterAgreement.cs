using RecForge.Clustering;

namespace RecForge.Datasets.Clustering;

/// <summary>How well clusters agree with a column's values: the adjusted Rand index.</summary>
/// <param name="TopLevel">Whether the values were cut to their top level ("Action" of "Action &gt; Superhero").</param>
/// <param name="Values">Distinct values compared with.</param>
/// <param name="AdjustedRandIndex">1 for the same partition, about 0 for chance.</param>
public sealed record ClusterAgreement(bool TopLevel, int Values, double AdjustedRandIndex)
{
    /// <summary>
    /// The agreement of <paramref name="clusters"/> with <paramref name="values"/>, and for hierarchical values
    /// ("Action &gt; Superhero") also with their top level, where the broad genres are.
    /// </summary>
    public static IReadOnlyList<ClusterAgreement> Of(string[] values, int[] clusters)
    {
        int[] codes = Codes(values, v => v);
        var result = new List<ClusterAgreement> { new(false, codes.Max() + 1, ClusterMetrics.AdjustedRandIndex(clusters, codes)) };
        if (values.Any(v => v.Contains(" > ", StringComparison.Ordinal)))
        {
            int[] top = Codes(values, v => v.Split(" > ")[0]);
            result.Add(new(true, top.Max() + 1, ClusterMetrics.AdjustedRandIndex(clusters, top)));
        }

        return result;
    }

    private static int[] Codes(string[] values, Func<string, string> key)
    {
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            string v = key(values[i]);
            result[i] = codes.TryGetValue(v, out int c) ? c : codes[v] = codes.Count;
        }

        return result;
    }
}
