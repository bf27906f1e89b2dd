namespace RecForge.Clustering;

/// <summary>
/// The silhouette of a seeded sample of points, with the sample's pairwise distances computed once and shared by every
/// clustering scored (each k of a range): scoring a clustering then costs sample² additions instead of sample × n × d.
/// </summary>
/// <remarks>
/// As scikit-learn's <c>silhouette_score(sample_size=…)</c>: a and b are means over the sampled points only. With at
/// most <c>sample</c> points it is the exact silhouette. Memory: sample² floats (16 MB for 2,000).
/// </remarks>
public sealed class SilhouetteSample
{
    private readonly int[] _chosen;
    private readonly float[] _distances;

    /// <summary>Draws the sample and computes its distances (in parallel; the values do not depend on threads).</summary>
    public SilhouetteSample(float[][] points, int sample = 2000, ulong seed = 1)
    {
        _chosen = ClusterMetrics.Sample(points.Length, sample, seed);
        int m = _chosen.Length;
        _distances = new float[m * m];
        Parallel.For(0, m, i =>
        {
            for (int j = i + 1; j < m; j++)
            {
                float d = (float)Math.Sqrt(KMeans.SquaredDistance(points[_chosen[i]], points[_chosen[j]]));
                _distances[(i * m) + j] = d;
                _distances[(j * m) + i] = d;
            }
        });
    }

    /// <summary>Points in the sample.</summary>
    public int Count => _chosen.Length;

    /// <summary>Mean silhouette s = (b − a) / max(a, b) over the sample (Rousseeuw 1987); a point alone in its cluster scores 0.</summary>
    public double Score(int[] labels, int k)
    {
        int m = _chosen.Length;
        var cluster = new int[m];
        var counts = new int[k];
        for (int i = 0; i < m; i++)
        {
            cluster[i] = labels[_chosen[i]];
            counts[cluster[i]]++;
        }

        var scores = new double[m];
        Parallel.For(0, m, () => new double[k], (i, _, sums) =>
        {
            Array.Clear(sums);
            ReadOnlySpan<float> row = _distances.AsSpan(i * m, m);
            for (int j = 0; j < m; j++)
            {
                sums[cluster[j]] += row[j];
            }

            scores[i] = ClusterMetrics.PointSilhouette(cluster[i], sums, counts);
            return sums;
        }, _ => { });
        double total = 0;
        foreach (double score in scores)
        {
            total += score;
        }

        return total / m;
    }
}
