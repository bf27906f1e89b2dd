namespace RecForge.Evaluation;

/// <summary>
/// Train-on-X, test-on-real: each recommender is trained on a log and scored on held-out real users. A test user's
/// items in time order (<see cref="HistoryOrder"/>: ties in a seeded random order) are split into a fold-in part (the
/// history the model sees, the first 80%) and a held-out part (the rest, at least one item) that the top-k list should find.
/// </summary>
public static class UtilityEvaluation
{
    /// <summary>Splits users into train and test (a seeded shuffle; <paramref name="testFraction"/> of them in test).</summary>
    public static (int[] Train, int[] Test) SplitUsers(int users, double testFraction, ulong seed)
    {
        int[] order = [.. Enumerable.Range(0, users)];
        var rng = new Randomness.Rng(seed);
        for (int i = users - 1; i > 0; i--)
        {
            int j = rng.NextInt32(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        int test = (int)Math.Round(users * testFraction);
        return ([.. order[test..].Order()], [.. order[..test].Order()]);
    }

    /// <summary>Mean NDCG@k and Recall@k of <paramref name="model"/> (already trained) over the test users with at least two items.</summary>
    public static (double Ndcg, double Recall, int Users) Score(IRecommender model, InteractionLog test, int items, int k = 10, double foldIn = 0.8, ulong seed = 42)
    {
        double ndcg = 0, recall = 0;
        int users = 0;
        var scores = new double[items];
        for (int u = 0; u < test.UserCount; u++)
        {
            int[] history = HistoryOrder.Of(test.Items[u], test.Times[u], seed);
            if (history.Length < 2)
            {
                continue;
            }

            int seen = Math.Clamp((int)Math.Round(history.Length * foldIn), 1, history.Length - 1);
            var exclude = new HashSet<int>(history[..seen]);
            var relevant = new HashSet<int>(history[seen..]);
            model.Score(history.AsSpan(0, seen), scores);
            int[] top = RankingMetrics.TopK(scores, exclude, k);
            ndcg += RankingMetrics.Ndcg(top, relevant, k);
            recall += RankingMetrics.Recall(top, relevant, k);
            users++;
        }

        return users == 0 ? (0, 0, 0) : (ndcg / users, recall / users, users);
    }
}
