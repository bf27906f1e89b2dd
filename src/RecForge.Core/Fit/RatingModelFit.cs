using RecForge.Evaluation;
using RecForge.Randomness;

namespace RecForge.Fit;

/// <summary>
/// The ordinal rating model fitted to a log: r ≈ μ + b_u + b_i + a · affinity(u, i) + s_u ε. Biases come from
/// regularised alternating least squares (Koren, "Factor in the neighbors", KDD 2008, §2.1: b_i = Σ (r − μ − b_u) / (λ + n_i),
/// then b_u alike, λ = 5), a is the least-squares slope of the residual on affinity, s_u the user's residual spread.
/// The thresholds are the quantiles of the model's latent score at the histogram's cumulative shares, so a twin
/// reproduces the histogram while high-bias users and items rate high.
/// </summary>
/// <param name="ItemBias">b_i per item (0 for items without ratings).</param>
/// <param name="UserBiasQuantiles">Quantiles of b_u over users.</param>
/// <param name="NoiseQuantiles">Quantiles of s_u over users.</param>
/// <param name="AffinityWeight">a.</param>
/// <param name="Thresholds">Cut points of z = b_u + b_i + a · affinity + s_u ε between consecutive rating values.</param>
public sealed record RatingModelFit(double[] ItemBias, double[] UserBiasQuantiles, double[] NoiseQuantiles, double AffinityWeight, double[] Thresholds)
{
    private const double Lambda = 5;

    /// <summary>
    /// Fits the model to the rated histories of <paramref name="log"/>; <paramref name="affinity"/> gives the affinity of
    /// user u to the k-th item of their history; <paramref name="histogram"/> the target shares by ascending value.
    /// </summary>
    public static RatingModelFit Fit(InteractionLog log, int items, Func<int, int, double> affinity, double[] values, double[] histogram, ulong seed,
        PrivacyBudget? privacy = null, double share = 0, double[]? noisyPopularity = null)
    {
        double range = values.Length > 1 ? values[^1] - values[0] : 1;
        int users = log.UserCount;
        var userBias = new double[users];
        var itemBias = new double[items];
        double mean = privacy is null ? MeanRating(log) : PrivateMean(log, range, values[0], privacy, share * 0.1);
        double slope = 0;
        var spread = new double[users];
        if (privacy is null)
        {
            for (int round = 0; round < 10; round++)
            {
                var sums = new double[items];
                var counts = new double[items];
                for (int u = 0; u < users; u++)
                {
                    for (int k = 0; k < log.Items[u].Length; k++)
                    {
                        sums[log.Items[u][k]] += log.Ratings[u][k] - mean - userBias[u];
                        counts[log.Items[u][k]]++;
                    }
                }

                for (int i = 0; i < items; i++)
                {
                    itemBias[i] = sums[i] / (Lambda + counts[i]);
                }

                for (int u = 0; u < users; u++)
                {
                    double s = 0;
                    for (int k = 0; k < log.Items[u].Length; k++)
                    {
                        s += log.Ratings[u][k] - mean - itemBias[log.Items[u][k]];
                    }

                    userBias[u] = s / (Lambda + log.Items[u].Length);
                }
            }

            // The residual's slope on affinity, then each user's spread around the full prediction.
            double sa = 0, saa = 0, se = 0, n = 0;
            for (int u = 0; u < users; u++)
            {
                for (int k = 0; k < log.Items[u].Length; k++)
                {
                    double a = affinity(u, k), e = log.Ratings[u][k] - mean - userBias[u] - itemBias[log.Items[u][k]];
                    sa += a;
                    saa += a * a;
                    se += a * e;
                    n++;
                }
            }

            double abar = n > 0 ? sa / n : 0, variance = n > 0 ? saa / n - abar * abar : 0;
            slope = variance > 1e-9 ? se / n / variance : 0;
            for (int u = 0; u < users; u++)
            {
                double ss = 0;
                int m = log.Items[u].Length;
                for (int k = 0; k < m; k++)
                {
                    double e = log.Ratings[u][k] - mean - userBias[u] - itemBias[log.Items[u][k]] - slope * (affinity(u, k) - abar);
                    ss += e * e;
                }

                spread[u] = m > 1 ? Math.Sqrt(ss / (m - 1)) : 0;
            }
        }
        else
        {
            PrivateBiases(log, items, mean, range, privacy, share, noisyPopularity!, itemBias, userBias, spread);
        }

        double[] userQuantiles, noiseQuantiles;
        if (privacy is null)
        {
            userQuantiles = Quantiles.Of(userBias, LogProfile.QuantilePoints);
            noiseQuantiles = Quantiles.Of(spread, LogProfile.QuantilePoints);
        }
        else
        {
            // One count per user in each histogram; user biases and spreads live in [−range, range] and [0, range].
            double[] biasEdges = [.. Enumerable.Range(0, 61).Select(b => -range + b * range / 30)];
            double[] spreadEdges = [.. Enumerable.Range(0, 41).Select(b => b * range / 40)];
            var biasCounts = new double[60];
            var spreadCounts = new double[40];
            for (int u = 0; u < users; u++)
            {
                biasCounts[Quantiles.BinOf(biasEdges, userBias[u])]++;
                spreadCounts[Quantiles.BinOf(spreadEdges, spread[u])]++;
            }

            privacy.Perturb("user rating bias histogram", biasCounts, share * 0.2, 1);
            privacy.Perturb("user rating spread histogram", spreadCounts, share * 0.2, 1);
            userQuantiles = Quantiles.FromHistogram(biasEdges, biasCounts, LogProfile.QuantilePoints);
            noiseQuantiles = Quantiles.FromHistogram(spreadEdges, spreadCounts, LogProfile.QuantilePoints);
        }

        // The latent score's pairs: the log's own (item bias, affinity) without DP; under DP pairs drawn from the released
        // popularity (so no user's data reaches the thresholds except through released statistics).
        var pairs = new List<(double Bias, double Affinity)>();
        if (privacy is null)
        {
            for (int u = 0; u < users; u++)
            {
                for (int k = 0; k < log.Items[u].Length; k++)
                {
                    pairs.Add((itemBias[log.Items[u][k]], affinity(u, k)));
                }
            }
        }
        else
        {
            var popular = new Sampling.AliasTable([.. noisyPopularity!.Select(p => Math.Max(p, 0))]);
            var rng = new Rng(StreamKey.Combine(seed, StreamKey.Of("rating-pairs")));
            for (int s = 0; s < 100_000; s++)
            {
                pairs.Add((itemBias[popular.Sample(ref rng)], 0));
            }
        }

        double[] thresholds = CutPoints(pairs, userQuantiles, noiseQuantiles, slope, histogram, seed);
        return new RatingModelFit(itemBias, userQuantiles, noiseQuantiles, slope, thresholds);
    }

    // The latent score's distribution — for each pair a user bias and spread drawn from the fitted distributions, the
    // pair's item bias and affinity, four noise draws — cut at the histogram's cumulative shares.
    private static double[] CutPoints(List<(double Bias, double Affinity)> pairs, double[] userQuantiles, double[] noiseQuantiles, double slope, double[] histogram, ulong seed)
    {
        var userSampler = new Sampling.QuantileSampler(userQuantiles);
        var noiseSampler = new Sampling.QuantileSampler(noiseQuantiles);
        var rng = new Rng(StreamKey.Combine(seed, StreamKey.Of("rating-thresholds")));

        // At most 250,000 pairs (a uniform sample): a million draws place the cuts to well under 0.001 of the shares.
        const int MaxPairs = 250_000;
        int count = Math.Min(pairs.Count, MaxPairs);
        var z = new double[count * 4];
        int n = 0;
        for (int p = 0; p < count; p++)
        {
            var (bias, affinity) = pairs[pairs.Count <= MaxPairs ? p : (int)rng.NextInt64(pairs.Count)];
            double center = userSampler.Sample(ref rng) + bias + slope * affinity, noise = noiseSampler.Sample(ref rng);
            for (int d = 0; d < 4; d++)
            {
                z[n++] = center + noise * rng.NextGaussian();
            }
        }

        Array.Sort(z);
        var cuts = new double[histogram.Length - 1];
        double cumulative = 0, total = histogram.Sum();
        for (int v = 0; v < cuts.Length; v++)
        {
            cumulative += histogram[v] / total;
            cuts[v] = z.Length == 0 ? v : z[Math.Clamp((int)Math.Round(cumulative * z.Length), 0, z.Length - 1)];
            if (v > 0)
            {
                cuts[v] = Math.Max(cuts[v], cuts[v - 1]);
            }
        }

        return cuts;
    }

    private static double MeanRating(InteractionLog log)
    {
        double sum = 0, n = 0;
        foreach (double[] r in log.Ratings)
        {
            foreach (double v in r)
            {
                sum += v;
                n++;
            }
        }

        return n > 0 ? sum / n : 0;
    }

    // μ as the mean of user means: one user moves the sum by at most the rating range and the count by 1.
    private static double PrivateMean(InteractionLog log, double range, double low, PrivacyBudget privacy, double share)
    {
        double sum = 0, n = 0;
        foreach (double[] r in log.Ratings)
        {
            if (r.Length > 0)
            {
                sum += r.Average() - low;
                n++;
            }
        }

        double noisySum = privacy.Perturb("mean rating (sum of user means)", sum, share / 2, range);
        double noisyCount = Math.Max(1, privacy.Perturb("mean rating (users)", n, share / 2, 1));
        return low + Math.Clamp(noisySum / noisyCount, 0, range);
    }

    // Item biases from noisy sums of (r − μ − user mean offset) / √n_u — one user's vector has L2 norm at most the range —
    // over the noisy users-per-item weights Σ 1/√n_u released for popularity; users' own biases and spreads stay exact
    // here and are released only as histograms.
    private static void PrivateBiases(InteractionLog log, int items, double mean, double range, PrivacyBudget privacy, double share,
        double[] noisyPopularity, double[] itemBias, double[] userBias, double[] spread)
    {
        var sums = new double[items];
        for (int u = 0; u < log.UserCount; u++)
        {
            int m = log.Items[u].Length;
            if (m == 0)
            {
                continue;
            }

            double userMean = log.Ratings[u].Average();
            userBias[u] = userMean - mean;
            double w = 1 / Math.Sqrt(m);
            for (int k = 0; k < m; k++)
            {
                sums[log.Items[u][k]] += Math.Clamp(log.Ratings[u][k] - userMean, -range, range) * w;
            }
        }

        privacy.Perturb("item rating bias sums", sums, share * 0.5, range);
        double sigma = privacy.Spent[^1].Sigma;
        for (int i = 0; i < items; i++)
        {
            // Shrink toward 0 by several noise widths, so items with little (noisy) weight keep a small bias.
            itemBias[i] = Math.Clamp(sums[i] / (Math.Max(noisyPopularity[i], 0) + 3 * sigma), -range / 2, range / 2);
        }

        for (int u = 0; u < log.UserCount; u++)
        {
            int m = log.Items[u].Length;
            double ss = 0;
            for (int k = 0; k < m; k++)
            {
                double e = log.Ratings[u][k] - mean - userBias[u] - itemBias[log.Items[u][k]];
                ss += e * e;
            }

            spread[u] = m > 1 ? Math.Sqrt(ss / (m - 1)) : 0;
        }
    }
}
