namespace RecForge.Quality;

/// <summary>Shannon entropy of categorical counts.</summary>
internal static class Entropy
{
    /// <summary>Entropy in nats (natural log) of the distribution given by <paramref name="counts"/>.</summary>
    public static double Nats(IEnumerable<long> counts)
    {
        double total = 0;
        var list = counts.ToList();
        foreach (long c in list)
        {
            total += c;
        }

        double h = 0;
        foreach (long c in list)
        {
            if (c > 0)
            {
                double p = c / total;
                h -= p * Math.Log(p);
            }
        }

        return h;
    }
}
