namespace RecForge.Evaluation;

/// <summary>
/// Compares a synthetic log with the real one it imitates: fidelity (SDMetrics-style column shapes and pair trends),
/// utility (train on synthetic vs train on real, test on held-out real users) and privacy (distance to the closest
/// real record, copied histories, a membership-inference attack).
/// </summary>
public static class TwinEvaluation
{
    /// <summary>Runs every measure. <paramref name="genres"/> maps item indexes to their categories (optional).</summary>
    public static EvaluationReport Run(InteractionLog real, InteractionLog synthetic, EvaluationOptions options, IReadOnlyDictionary<int, string[]>? genres = null)
    {
        int items = Math.Max(real.ItemCount, synthetic.ItemCount);
        var (trainUsers, testUsers) = UtilityEvaluation.SplitUsers(real.UserCount, options.TestFraction, options.Seed);
        InteractionLog train = real.Subset(trainUsers), test = real.Subset(testUsers);
        return new EvaluationReport(Fidelity(real, synthetic, genres), Utility(train, test, synthetic, items, options), Privacy(train, test, synthetic, options),
            real.UserCount, synthetic.UserCount, real.PairCount, synthetic.PairCount);
    }

    private static List<FidelityScore> Fidelity(InteractionLog real, InteractionLog synthetic, IReadOnlyDictionary<int, string[]>? genres)
    {
        var scores = new List<FidelityScore>();
        double[] realActivity = [.. real.Items.Select(h => (double)h.Length)], synActivity = [.. synthetic.Items.Select(h => (double)h.Length)];
        scores.Add(new("activity_per_user", "KSComplement", FidelityMetrics.KsComplement(realActivity, synActivity), LogHistogram(realActivity), LogHistogram(synActivity)));
        double[] realPopularity = ItemCounts(real), synPopularity = ItemCounts(synthetic);
        scores.Add(new("popularity_per_item", "KSComplement", FidelityMetrics.KsComplement(realPopularity, synPopularity), LogHistogram(realPopularity), LogHistogram(synPopularity)));
        if (HasRatings(real) && HasRatings(synthetic))
        {
            var r = Counts(real.Ratings.SelectMany(x => x).Select(v => v.ToString("0.0#", System.Globalization.CultureInfo.InvariantCulture)));
            var s = Counts(synthetic.Ratings.SelectMany(x => x).Select(v => v.ToString("0.0#", System.Globalization.CultureInfo.InvariantCulture)));
            scores.Add(new("rating", "TVComplement", FidelityMetrics.TvComplement(r, s), r, s));
        }

        var realHour = Counts(real.Times.SelectMany(x => x).Select(t => DateTime.UnixEpoch.AddSeconds(t).Hour.ToString("00", System.Globalization.CultureInfo.InvariantCulture)));
        var synHour = Counts(synthetic.Times.SelectMany(x => x).Select(t => DateTime.UnixEpoch.AddSeconds(t).Hour.ToString("00", System.Globalization.CultureInfo.InvariantCulture)));
        scores.Add(new("hour_of_day", "TVComplement", FidelityMetrics.TvComplement(realHour, synHour), realHour, synHour));
        var realDay = Counts(real.Times.SelectMany(x => x).Select(t => DateTime.UnixEpoch.AddSeconds(t).DayOfWeek.ToString()[..3]));
        var synDay = Counts(synthetic.Times.SelectMany(x => x).Select(t => DateTime.UnixEpoch.AddSeconds(t).DayOfWeek.ToString()[..3]));
        scores.Add(new("weekday", "TVComplement", FidelityMetrics.TvComplement(realDay, synDay), realDay, synDay));
        double[] realGaps = Gaps(real), synGaps = Gaps(synthetic);
        scores.Add(new("gap_log10_seconds", "KSComplement", FidelityMetrics.KsComplement(realGaps, synGaps), Histogram(realGaps, 0, 9, 18), Histogram(synGaps, 0, 9, 18)));
        if (genres is not null)
        {
            var r = Counts(real.Items.SelectMany(h => h).SelectMany(i => genres.GetValueOrDefault(i) ?? []));
            var s = Counts(synthetic.Items.SelectMany(h => h).SelectMany(i => genres.GetValueOrDefault(i) ?? []));
            scores.Add(new("genre_share", "TVComplement", FidelityMetrics.TvComplement(r, s), r, s));
        }

        if (HasRatings(real) && HasRatings(synthetic))
        {
            // Pair trends: heavier users rate differently, popular items are rated differently.
            scores.Add(new("activity~mean_rating (users)", "CorrelationSimilarity",
                FidelityMetrics.CorrelationSimilarity(UserTrend(real), UserTrend(synthetic)), null, null));
            scores.Add(new("popularity~mean_rating (items)", "CorrelationSimilarity",
                FidelityMetrics.CorrelationSimilarity(ItemTrend(real), ItemTrend(synthetic)), null, null));
        }

        return scores;
    }

    private static List<UtilityScore> Utility(InteractionLog train, InteractionLog test, InteractionLog synthetic, int items, EvaluationOptions options)
    {
        var result = new List<UtilityScore>();
        foreach (Func<IRecommender> make in new Func<IRecommender>[] { () => new MostPopularRecommender(), () => new ItemKnnRecommender(), () => new EaseRecommender(options.EaseLambda, options.EaseItems) })
        {
            IRecommender onReal = make(), onSynthetic = make();
            onReal.Fit(train.Items, items);
            onSynthetic.Fit(synthetic.Items, items);
            var (realNdcg, realRecall, users) = UtilityEvaluation.Score(onReal, test, items, options.K);
            var (synNdcg, synRecall, _) = UtilityEvaluation.Score(onSynthetic, test, items, options.K);
            result.Add(new UtilityScore(onReal.Name, realNdcg, realRecall, synNdcg, synRecall, users));
        }

        return result;
    }

    private static PrivacyScore Privacy(InteractionLog train, InteractionLog test, InteractionLog synthetic, EvaluationOptions options)
    {
        // Synthetic users are sampled (seeded) to bound the O(synthetic × train) nearest-record search.
        IReadOnlyList<int[]> sample = Sample(synthetic.Items, options.PrivacySample, options.Seed);
        double[] synToTrain = PrivacyMetrics.ClosestDistances(sample, train.Items);
        double[] testToTrain = PrivacyMetrics.ClosestDistances(test.Items, train.Items);
        double copied = PrivacyMetrics.CopiedShare(synthetic.Items, [.. train.Items, .. test.Items]);

        // Membership inference: the attacker calls a real user a member when the synthetic data holds a close history.
        double[] members = [.. PrivacyMetrics.ClosestDistances(train.Items, sample).Select(d => -d)];
        double[] outsiders = [.. PrivacyMetrics.ClosestDistances(test.Items, sample).Select(d => -d)];
        double medianSyn = PrivacyMetrics.Median(synToTrain), medianTest = PrivacyMetrics.Median(testToTrain);
        return new PrivacyScore(medianSyn, medianTest, medianTest > 0 ? medianSyn / medianTest : double.NaN, copied, PrivacyMetrics.Auc(members, outsiders), sample.Count);
    }

    private static IReadOnlyList<int[]> Sample(IReadOnlyList<int[]> histories, int size, ulong seed)
    {
        if (histories.Count <= size)
        {
            return histories;
        }

        var (_, picked) = UtilityEvaluation.SplitUsers(histories.Count, (double)size / histories.Count, seed + 1);
        return [.. picked.Select(i => histories[i])];
    }

    private static bool HasRatings(InteractionLog log) => log.Ratings.Any(r => r.Length > 0 && !double.IsNaN(r[0]));

    private static double[] ItemCounts(InteractionLog log)
    {
        var counts = new Dictionary<int, double>();
        foreach (int[] h in log.Items)
        {
            foreach (int i in h)
            {
                counts[i] = counts.GetValueOrDefault(i) + 1;
            }
        }

        return [.. counts.Values];
    }

    private static double[] Gaps(InteractionLog log)
    {
        var gaps = new List<double>();
        foreach (long[] times in log.Times)
        {
            for (int i = 1; i < times.Length; i++)
            {
                gaps.Add(Math.Log10(1 + Math.Max(0, times[i] - times[i - 1])));
            }
        }

        return [.. gaps];
    }

    private static (double[], double[]) UserTrend(InteractionLog log)
    {
        var users = Enumerable.Range(0, log.UserCount).Where(u => log.Items[u].Length > 0).ToList();
        return ([.. users.Select(u => Math.Log(log.Items[u].Length))], [.. users.Select(u => log.Ratings[u].Average())]);
    }

    private static (double[], double[]) ItemTrend(InteractionLog log)
    {
        var sums = new Dictionary<int, (double Sum, int Count)>();
        for (int u = 0; u < log.UserCount; u++)
        {
            for (int k = 0; k < log.Items[u].Length; k++)
            {
                var (sum, count) = sums.GetValueOrDefault(log.Items[u][k]);
                sums[log.Items[u][k]] = (sum + log.Ratings[u][k], count + 1);
            }
        }

        return ([.. sums.Values.Select(v => Math.Log(v.Count))], [.. sums.Values.Select(v => v.Sum / v.Count)]);
    }

    private static Dictionary<string, double> Counts(IEnumerable<string> values)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string v in values)
        {
            counts[v] = counts.GetValueOrDefault(v) + 1;
        }

        return Quality.ChartOrder.Ordered(counts);
    }

    // Counts per power-of-two bucket (1, 2–3, 4–7, …) for heavy-tailed counts.
    private static Dictionary<string, double> LogHistogram(double[] values)
        => Counts(values.Select(v => "2^" + ((int)Math.Floor(Math.Log2(Math.Max(1, v)))).ToString("00", System.Globalization.CultureInfo.InvariantCulture)));

    private static Dictionary<string, double> Histogram(double[] values, double min, double max, int bins)
        => Counts(values.Select(v => Math.Clamp((int)((v - min) / (max - min) * bins), 0, bins - 1)).Select(b => (min + (b + 0.5) * (max - min) / bins).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)));
}
