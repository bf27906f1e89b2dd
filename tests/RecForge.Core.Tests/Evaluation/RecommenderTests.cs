using RecForge.Evaluation;

namespace RecForge.Core.Tests.Evaluation;

public class RecommenderTests
{
    // Two taste groups: items 0–1 go together, items 2–3 go together; user 5 bridges them through item 2.
    private static readonly int[][] Groups = [[0, 1], [0, 1], [2, 3], [2, 3], [0, 1, 2]];

    private static double[] Scores(IRecommender model, params int[] history)
    {
        var scores = new double[4];
        model.Score(history, scores);
        return scores;
    }

    [Fact]
    public void Most_popular_scores_items_by_how_many_users_have_them()
    {
        var model = new MostPopularRecommender();
        model.Fit([[0, 1], [0, 2], [0]], 3);
        var scores = new double[3];
        model.Score([1], scores);
        Assert.Equal([3.0, 1, 1], scores);
    }

    [Fact]
    public void Item_knn_sums_cosine_similarities_of_the_history_items()
    {
        var model = new ItemKnnRecommender();
        model.Fit(Groups, 4);

        // |U0 ∩ U1| = 3 of |U0| = |U1| = 3: sim 1; |U0 ∩ U2| = 1, |U2| = 3: sim 1/3; item 3 never meets item 0.
        double[] scores = Scores(model, 0);
        Assert.Equal(1.0, scores[1], 12);
        Assert.Equal(1.0 / 3, scores[2], 12);
        Assert.Equal(0.0, scores[3], 12);

        // From {2}: sim(2, 3) = 2 / √(3 · 2), sim(2, 0) = sim(2, 1) = 1/3.
        scores = Scores(model, 2);
        Assert.Equal(2 / Math.Sqrt(6), scores[3], 12);
        Assert.Equal(1.0 / 3, scores[0], 12);
    }

    [Fact]
    public void Ease_matches_the_closed_form_on_a_two_item_example()
    {
        // X = [[1,1],[1,1],[1,0]]: XᵀX + λI (λ = 1) = [[4,2],[2,3]], P = [[3/8, −1/4], [−1/4, 1/2]],
        // B01 = −P01 / P11 = 1/2 and B10 = −P10 / P00 = 2/3.
        var model = new EaseRecommender(lambda: 1);
        model.Fit([[0, 1], [0, 1], [0]], 2);
        var scores = new double[2];
        model.Score([0], scores);
        Assert.Equal([0.0, 0.5], scores.Select(s => Math.Round(s, 12)));
        model.Score([1], scores);
        Assert.Equal(2.0 / 3, scores[0], 12);
    }

    [Fact]
    public void Ease_and_item_knn_recommend_the_other_item_of_the_users_group()
    {
        foreach (IRecommender model in new IRecommender[] { new ItemKnnRecommender(), new EaseRecommender(lambda: 0.5) })
        {
            model.Fit(Groups, 4);
            Assert.Equal([1], RankingMetrics.TopK(Scores(model, 0), new HashSet<int> { 0 }, 1));
            Assert.Equal([2], RankingMetrics.TopK(Scores(model, 3), new HashSet<int> { 3 }, 1));
        }
    }

    [Fact]
    public void Cholesky_inverse_is_exact_on_a_small_matrix_and_inverts_a_random_one()
    {
        double[] inverse = SymmetricInverse.Invert([4, 2, 2, 3], 2);
        Assert.Equal([3.0 / 8, -0.25, -0.25, 0.5], inverse.Select(x => Math.Round(x, 12)));

        // A = MᵀM + I for a seeded random M is positive definite; A · A⁻¹ = I to 1e-9.
        const int n = 40;
        var rng = new Random(3);
        double[] m = [.. Enumerable.Range(0, n * n).Select(_ => rng.NextDouble() - 0.5)];
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                for (int k = 0; k < n; k++)
                {
                    a[i * n + j] += m[k * n + i] * m[k * n + j];
                }

                a[i * n + j] += i == j ? 1 : 0;
            }
        }

        double[] p = SymmetricInverse.Invert(a, n);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int k = 0; k < n; k++)
                {
                    sum += a[i * n + k] * p[k * n + j];
                }

                Assert.Equal(i == j ? 1 : 0, sum, 9);
            }
        }

        Assert.Throws<ArgumentException>(() => SymmetricInverse.Invert([1, 2, 2, 1], 2));
    }

    [Fact]
    public void Utility_scores_a_model_that_finds_every_held_out_item_at_one()
    {
        // Every test user's last item is item 9, the most popular item in training.
        int[][] train = [.. Enumerable.Range(0, 20).Select(u => new[] { 9, u % 5 })];
        var items = new ItemIndex();
        for (int i = 0; i < 10; i++)
        {
            items.IndexOf(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        InteractionLog test = InteractionLog.Build([new("a", "1", 5, 1), new("a", "9", 5, 2), new("b", "2", 5, 1), new("b", "9", 4, 2)], items);
        var model = new MostPopularRecommender();
        model.Fit(train, 10);
        var (ndcg, recall, users) = UtilityEvaluation.Score(model, test, 10);
        Assert.Equal((1.0, 1.0, 2), (ndcg, recall, users));
    }

    [Fact]
    public void User_splits_are_disjoint_complete_and_seeded()
    {
        var (train, test) = UtilityEvaluation.SplitUsers(610, 0.2, 42);
        Assert.Equal(122, test.Length);
        Assert.Equal(Enumerable.Range(0, 610), train.Concat(test).Order());
        Assert.Equal(test, UtilityEvaluation.SplitUsers(610, 0.2, 42).Test);
        Assert.NotEqual(test, UtilityEvaluation.SplitUsers(610, 0.2, 43).Test);
    }
}
