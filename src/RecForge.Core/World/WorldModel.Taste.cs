using RecForge.Randomness;
using RecForge.Sampling;
using RecForge.Scenarios;

namespace RecForge.World;

/// <summary>Users' tastes: their clusters, mixture weights and positions, and their interests.</summary>
internal sealed partial class WorldModel
{
    /// <summary>Writes a user's unit taste position and the clusters it is made of, strongest first; returns their count.</summary>
    public int UserTaste(long user, Span<float> position, Span<int> clusters)
    {
        WorldDefinition w = Scenario.World;
        Rng rng = RngFor(UsersKind, user, TasteStream);
        Span<double> weights = stackalloc double[w.ClustersPerUserMax];
        int k = DrawClusters(user, ref rng, weights, clusters);

        // Strongest first: the first drawn cluster gets the largest mixture weight, so cluster shares follow the weights.
        position.Clear();
        for (int j = 0; j < k; j++)
        {
            VectorMath.AddScaled(position, ClusterCentroids[clusters[j]], weights[j]);
        }

        // Clusters with a spread (fitted mixture components) scatter their users per dimension; others draw nothing here.
        bool spread = false;
        for (int j = 0; j < k; j++)
        {
            spread |= w.Clusters[clusters[j]].Spread is not null;
        }

        for (int d = 0; spread && d < position.Length; d++)
        {
            double sd = 0;
            for (int j = 0; j < k; j++)
            {
                sd += (w.Clusters[clusters[j]].Spread?[d] ?? 0) * weights[j];
            }

            position[d] += (float)(sd * rng.NextGaussian());
        }

        // Clusters with axes (fitted twins) move their users along them, each axis weighted as its cluster in the mix.
        for (int j = 0; j < k; j++)
        {
            foreach (float[] axis in w.Clusters[clusters[j]].Axes)
            {
                VectorMath.AddScaled(position, axis, rng.NextGaussian() * weights[j]);
            }
        }

        VectorMath.AddNoise(position, ref rng, w.UserNoise);
        VectorMath.Normalize(position);
        return k;
    }

    /// <summary>
    /// A user's interests (<c>clusters_per_user.mix: picks</c>): the same clusters and weights as <see cref="UserTaste"/>,
    /// but one unit position per cluster — its centroid plus its spread, its axes and the user noise — instead of their mixture.
    /// Returns the number of interests; <paramref name="weights"/> sum to 1, strongest first.
    /// </summary>
    public int UserInterests(long user, float[][] positions, Span<double> weights, Span<int> clusters)
    {
        WorldDefinition w = Scenario.World;
        Rng rng = RngFor(UsersKind, user, TasteStream);
        int k = DrawClusters(user, ref rng, weights, clusters);
        for (int j = 0; j < k; j++)
        {
            Span<float> position = positions[j];
            ClusterCentroids[clusters[j]].CopyTo(position);
            float[]? spread = w.Clusters[clusters[j]].Spread;
            for (int d = 0; spread is not null && d < position.Length; d++)
            {
                position[d] += (float)(spread[d] * rng.NextGaussian());
            }

            foreach (float[] axis in w.Clusters[clusters[j]].Axes)
            {
                VectorMath.AddScaled(position, axis, rng.NextGaussian());
            }

            VectorMath.AddNoise(position, ref rng, w.UserNoise);
            VectorMath.Normalize(position);
        }

        return k;
    }

    /// <summary>
    /// The taste clusters a user is made of and their mixture weights (summing to 1, strongest first), as
    /// <see cref="UserTaste"/> and <see cref="UserInterests"/> draw them; returns their count.
    /// </summary>
    public int UserClusters(long user, Span<double> weights, Span<int> clusters)
    {
        Rng rng = RngFor(UsersKind, user, TasteStream);
        return DrawClusters(user, ref rng, weights, clusters);
    }

    // Draws a user's k clusters (the first stratified when asked) and their Gamma(1) mixture weights, sorted strongest first and summing to 1.
    private int DrawClusters(long user, ref Rng rng, Span<double> weights, Span<int> clusters)
    {
        WorldDefinition w = Scenario.World;
        int k = w.ClustersPerUserMin + rng.NextInt32(w.ClustersPerUserMax - w.ClustersPerUserMin + 1);
        double total = 0;
        for (int j = 0; j < k; j++)
        {
            int c;
            if (j == 0 && _firstCluster is not null)
            {
                c = _firstCluster.Category(user);
            }
            else
            {
                do
                {
                    c = _clusterChoice!.Sample(ref rng);
                }
                while (clusters[..j].Contains(c));
            }

            clusters[j] = c;
            weights[j] = GammaSampler.Draw(ref rng, 1.0);
            total += weights[j];
        }

        Span<double> drawn = weights[..k];
        drawn.Sort();
        drawn.Reverse();
        for (int j = 0; j < k; j++)
        {
            drawn[j] /= total;
        }

        return k;
    }
}
