namespace RecForge.Evaluation;

/// <summary>
/// Compares a synthetic log with the real one it imitates: fidelity (SDMetrics-style column shapes and pair trends),
/// utility (train on synthetic vs train on real, test on held-out real users) and privacy (distance to the closest
/// real record, copied histories, a membership-inference attack).
/// </summary>
public static class TwinEvaluation
{
    /// <summary>Runs every measure. <paramref name="genres"/> maps item indexes to their categories (optional).</summary>
    /// <remarks>
    /// A twin larger than the real log is compared at the log's size: fidelity and the long tail on a seeded sample of
    /// as many synthetic users as the log has (users per item grow with users), the recommenders on at most
    /// <see cref="EvaluationOptions.UtilitySample"/> of them. Time statistics are left out when the real log has no times.
    /// <paramref name="progress"/> hears each stage's name as it starts.
    /// </remarks>
    public static EvaluationReport Run(InteractionLog real, InteractionLog synthetic, EvaluationOptions options, IReadOnlyDictionary<int, string[]>? genres = null,
        Action<string>? progress = null)
    {
        int items = Math.Max(real.ItemCount, synthetic.ItemCount);
        var (trainUsers, testUsers) = UtilityEvaluation.SplitUsers(real.UserCount, options.TestFraction, options.Seed);
        InteractionLog train = real.Subset(trainUsers), test = real.Subset(testUsers);
        InteractionLog sample = SampleUsers(synthetic, real.UserCount, options.Seed + 2);
        InteractionLog trainOn = SampleUsers(synthetic, options.UtilitySample, options.Seed + 3);
        bool timed = HistoryOrder.IsTimed(real);
        double tied = HistoryOrder.TiedShare(real);
        progress?.Invoke("fidelity");
        List<FidelityScore> fidelity = Fidelity(real, sample, genres, options.Weights, timed);
        List<UtilityScore> utility = Utility(train, test, trainOn, items, options, progress);
        progress?.Invoke("privacy");
        PrivacyScore privacy = Privacy(train, test, synthetic, options);
        string split = !timed ? "at random (seeded): the real log has no times"
            : tied > 0 ? $"by time; events at one timestamp ({tied:P1} of them) in a seeded random order"
            : "by time";
        return new EvaluationReport(fidelity, utility, privacy, real.UserCount, synthetic.UserCount, real.PairCount, synthetic.PairCount)
        {
            Split = split,
            Timed = timed,
            TiedShare = tied,
            FidelityUsers = sample.UserCount,
            UtilityUsers = trainOn.UserCount,
            LongTail = LongTail(real, sample, items) with { RealTrainCoverage = (double)Tail(train).Covered / Math.Max(1, items) },
        };
    }

    // A seeded sample of `size` users (all of them when there are no more).
    private static InteractionLog SampleUsers(InteractionLog log, int size, ulong seed)
        => log.UserCount <= size ? log : log.Subset(UtilityEvaluation.SplitUsers(log.UserCount, (double)size / log.UserCount, seed).Test);

    private static LongTailScore LongTail(InteractionLog real, InteractionLog synthetic, int items)
    {
        var (realCovered, realRare) = Tail(real);
        var (synCovered, synRare) = Tail(synthetic);
        return new LongTailScore(items, (double)realCovered / Math.Max(1, items), (double)synCovered / Math.Max(1, items),
            (double)realRare / Math.Max(1, realCovered), (double)synRare / Math.Max(1, synCovered));
    }

    private static (int Covered, int Rare) Tail(InteractionLog log)
    {
        double[] counts = ItemCounts(log);
        int rare = 0;
        foreach (double n in counts)
        {
            rare += n <= 2 ? 1 : 0;
        }

        return (counts.Length, rare);
    }

    private static List<FidelityScore> Fidelity(InteractionLog real, InteractionLog synthetic, IReadOnlyDictionary<int, string[]>? genres, bool weights, bool timed)
    {
        var scores = new List<FidelityScore>();
        double[] realActivity = [.. real.Items.Select(h => (double)h.Length)], synActivity = [.. synthetic.Items.Select(h => (double)h.Length)];
        scores.Add(new("activity_per_user", "KSComplement", FidelityMetrics.KsComplement(realActivity, synActivity), LogHistogram(realActivity), LogHistogram(synActivity)));
        double[] realPopularity = ItemCounts(real), synPopularity = ItemCounts(synthetic);
        scores.Add(new("popularity_per_item", "KSComplement", FidelityMetrics.KsComplement(realPopularity, synPopularity), LogHistogram(realPopularity), LogHistogram(synPopularity)));
        if (HasRatings(real) && HasRatings(synthetic))
        {
            // Weights (play counts) are heavy-tailed and modelled in log space: compared in power-of-two bins.
            Func<double, string> label = weights ? WeightBin : v => v.ToString("0.0#", System.Globalization.CultureInfo.InvariantCulture);
            var r = Counts(real.Ratings.SelectMany(x => x).Select(label));
            var s = Counts(synthetic.Ratings.SelectMany(x => x).Select(label));
            scores.Add(new(weights ? "weight_log2" : "rating", "TVComplement", FidelityMetrics.TvComplement(r, s), r, s));
        }

        if (timed)
        {
            AddTime(scores, real, synthetic);
        }

        if (genres is not null)
        {
            var r = Counts(real.Items.SelectMany(h => h).SelectMany(i => genres.GetValueOrDefault(i) ?? []));
            var s = Counts(synthetic.Items.SelectMany(h => h).SelectMany(i => genres.GetValueOrDefault(i) ?? []));
            scores.Add(new("genre_share", "TVComplement", FidelityMetrics.TvComplement(r, s), r, s));
        }

        if (HasRatings(real) && HasRatings(synthetic))
        {
            // Pair trends: heavier users rate differently, popular items are rated differently.
            string value = weights ? "mean_weight" : "mean_rating";
            scores.Add(new($"activity~{value} (users)", "CorrelationSimilarity",
                FidelityMetrics.CorrelationSimilarity(UserTrend(real, weights), UserTrend(synthetic, weights)), null, null));
            scores.Add(new($"popularity~{value} (items)", "CorrelationSimilarity",
                FidelityMetrics.CorrelationSimilarity(ItemTrend(real, weights), ItemTrend(synthetic, weights)), null, null));
        }

        return scores;
    }

    private static string WeightBin(double v) => v <= 0 || !double.IsFinite(v) ? "0"
        : "2^" + ((int)Math.Floor(Math.Log2(v))).ToString("00", System.Globalization.CultureInfo.InvariantCulture);

    private static void AddTime(List<FidelityScore> scores, InteractionLog real, InteractionLog synthetic)
    {
        var realHour = Counts(real.Times.SelectMany(x => x).Select(t => DateTime.UnixEpoch.AddSeconds(t).Hour.ToString("00", System.Globalization.CultureInfo.InvariantCulture)));
        var synHour = Counts(synthetic.Times.SelectMany(x => x).Select(t => DateTime.UnixEpoch.AddSeconds(t).Hour.ToString("00", System.Globalization.CultureInfo.InvariantCulture)));
        scores.Add(new("hour_of_day", "TVComplement", FidelityMetrics.TvComplement(realHour, synHour), realHour, synHour));
        var realDay = Counts(real.Times.SelectMany(x => x).Select(t => DateTime.UnixEpoch.AddSeconds(t).DayOfWeek.ToString()[..3]));
        var synDay = Counts(synthetic.Times.SelectMany(x => x).Select(t => DateTime.UnixEpoch.AddSeconds(t).DayOfWeek.ToString()[..3]));
        scores.Add(new("weekday", "TVComplement", FidelityMetrics.TvComplement(realDay, synDay), realDay, synDay));
        double[] realGaps = Gaps(real), synGaps = Gaps(synthetic);
        scores.Add(new("gap_log10_seconds", "KSComplement", FidelityMetrics.KsComplement(realGaps, synGaps), Histogram(realGaps, 0, 9, 18), Histogram(synGaps, 0, 9, 18)));
    }

    private static List<UtilityScore> Utility(InteractionLog train, InteractionLog test, InteractionLog synthetic, int items, EvaluationOptions options, Action<string>? progress)
    {
        var result = new List<UtilityScore>();
        foreach (Func<IRecommender> make in new Func<IRecommender>[]
        {
            () => new MostPopularRecommender(), () => new ItemKnnRecommender(), () => new AlsRecommender(seed: options.Seed), () => new EaseRecommender(options.EaseLambda, options.EaseItems),
        })
        {
            IRecommender onReal = make(), onSynthetic = make();
            progress?.Invoke("utility: " + onReal.Name);
            onReal.Fit(train.Items, items);
            onSynthetic.Fit(synthetic.Items, items);
            var (realNdcg, realRecall, users) = UtilityEvaluation.Score(onReal, test, items, options.K, seed: options.Seed);
            var (synNdcg, synRecall, _) = UtilityEvaluation.Score(onSynthetic, test, items, options.K, seed: options.Seed);
            result.Add(new UtilityScore(onReal.Name, realNdcg, realRecall, synNdcg, synRecall, users));
        }

        return result;
    }

    private static PrivacyScore Privacy(InteractionLog train, InteractionLog test, InteractionLog synthetic, EvaluationOptions options)
    {
        // Synthetic users are sampled (seeded) to bound the O(synthetic × train) nearest-record search.
        IReadOnlyList<int[]> sample = SampleUsers(synthetic, options.PrivacySample, options.Seed + 1).Items;
        double[] synToTrain = PrivacyMetrics.ClosestDistances(sample, train.Items);
        double[] testToTrain = PrivacyMetrics.ClosestDistances(test.Items, train.Items);
        double copied = PrivacyMetrics.CopiedShare(synthetic.Items, [.. train.Items, .. test.Items]);

        // Membership inference: the attacker calls a real user a member when the synthetic data holds a close history.
        double[] members = [.. PrivacyMetrics.ClosestDistances(train.Items, sample).Select(d => -d)];
        double[] outsiders = [.. PrivacyMetrics.ClosestDistances(test.Items, sample).Select(d => -d)];
        double medianSyn = PrivacyMetrics.Median(synToTrain), medianTest = PrivacyMetrics.Median(testToTrain);
        return new PrivacyScore(medianSyn, medianTest, medianTest > 0 ? medianSyn / medianTest : double.NaN, copied, PrivacyMetrics.Auc(members, outsiders), sample.Count)
        {
            TestCopiedShare = PrivacyMetrics.CopiedShare(test.Items, train.Items),
        };
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

    // With weights, the mean of log(1 + weight): play counts are too heavy-tailed for a Pearson correlation of raw means.
    private static (double[], double[]) UserTrend(InteractionLog log, bool weights)
    {
        var users = Enumerable.Range(0, log.UserCount).Where(u => log.Items[u].Length > 0).ToList();
        return ([.. users.Select(u => Math.Log(log.Items[u].Length))], [.. users.Select(u => log.Ratings[u].Average(v => weights ? Math.Log(1 + Math.Max(0, v)) : v))]);
    }

    private static (double[], double[]) ItemTrend(InteractionLog log, bool weights)
    {
        var sums = new Dictionary<int, (double Sum, int Count)>();
        for (int u = 0; u < log.UserCount; u++)
        {
            for (int k = 0; k < log.Items[u].Length; k++)
            {
                var (sum, count) = sums.GetValueOrDefault(log.Items[u][k]);
                double v = log.Ratings[u][k];
                sums[log.Items[u][k]] = (sum + (weights ? Math.Log(1 + Math.Max(0, v)) : v), count + 1);
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
