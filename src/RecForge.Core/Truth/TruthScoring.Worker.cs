using RecForge.Evaluation;
using RecForge.Randomness;
using RecForge.World;

namespace RecForge.Truth;

/// <summary>The per-user scoring of <see cref="TruthScoring"/>: one worker per thread, sums per model and list length.</summary>
public static partial class TruthScoring
{
    // Sums over users of one model at one k.
    private struct Totals
    {
        public int Users, HeldOutUsers;
        public double NdcgAffinity, NdcgOracle, RecallOracle, Affinity, PopularityRank, HeldOutNdcg, HeldOutRecall;

        public void Add(Totals o)
        {
            Users += o.Users;
            HeldOutUsers += o.HeldOutUsers;
            NdcgAffinity += o.NdcgAffinity;
            NdcgOracle += o.NdcgOracle;
            RecallOracle += o.RecallOracle;
            Affinity += o.Affinity;
            PopularityRank += o.PopularityRank;
            HeldOutNdcg += o.HeldOutNdcg;
            HeldOutRecall += o.HeldOutRecall;
        }

        public readonly ScoreAtK Mean(int k, double coverage)
        {
            double n = Math.Max(1, Users), h = Math.Max(1, HeldOutUsers);
            return new ScoreAtK(k, NdcgAffinity / n, NdcgOracle / n, RecallOracle / n, Affinity / n, coverage, PopularityRank / n, HeldOutNdcg / h, HeldOutRecall / h);
        }
    }

    private sealed class Worker(ChoiceOracle oracle, int items, int models, int ks)
    {
        private readonly double[] _scores = new double[items];
        private readonly HashSet<int> _exclude = [];
        private readonly HashSet<int> _relevant = [];
        private readonly HashSet<int> _oracleTop = [];

        public Totals[,] Totals { get; } = new Totals[models, ks];

        public void Score(int u, int[] train, int[] test, List<(string Name, int[]?[] Lists, IRecommender? Model)> models, ScoreOptions options, int kMax, WorldModel world, bool[,,] covered)
        {
            oracle.Begin(u);
            _exclude.Clear();
            _exclude.UnionWith(train);
            _relevant.Clear();
            _relevant.UnionWith(test);
            int[] best = RankingMetrics.TopK(oracle.Probability, _exclude, kMax);
            int[] ideal = RankingMetrics.TopK(oracle.Affinity, _exclude, kMax);
            for (int m = 0; m < models.Count; m++)
            {
                var (name, lists, model) = models[m];
                int[]? list;
                if (model is not null)
                {
                    model.Score(train, _scores);
                    list = RankingMetrics.TopK(_scores, _exclude, kMax);
                }
                else if (name == OracleName && lists.Length == 0)
                {
                    list = best;
                }
                else if (lists.Length == 0)
                {
                    list = Random(u, kMax, options.Seed);
                }
                else
                {
                    list = lists[u];
                }

                if (list is null)
                {
                    continue;
                }

                for (int k = 0; k < options.Ks.Count; k++)
                {
                    Add(ref Totals[m, k], list, Math.Min(options.Ks[k], kMax), best, ideal, world);
                    for (int r = 0; r < Math.Min(options.Ks[k], list.Length); r++)
                    {
                        covered[m, k, list[r]] = true;
                    }
                }
            }
        }

        private void Add(ref Totals t, int[] list, int k, int[] best, int[] ideal, WorldModel world)
        {
            double dcgA = 0, idcgA = 0, dcgO = 0, idcgO = 0, affinity = 0, rank = 0;
            _oracleTop.Clear();
            for (int r = 0; r < Math.Min(k, best.Length); r++)
            {
                _oracleTop.Add(best[r]);
                idcgO += oracle.Probability[best[r]] / Math.Log2(r + 2);
                idcgA += oracle.Affinity[ideal[r]] / Math.Log2(r + 2);
            }

            int n = Math.Min(k, list.Length), hits = 0;
            for (int r = 0; r < n; r++)
            {
                // An item of the user's training slice earns nothing (the ideal lists leave those out too), but its
                // affinity still counts in the mean: it is what the user is shown.
                int item = list[r];
                double discount = _exclude.Contains(item) ? 0 : 1 / Math.Log2(r + 2);
                dcgA += oracle.Affinity[item] * discount;
                dcgO += oracle.Probability[item] * discount;
                affinity += oracle.Affinity[item];
                rank += world.PopularityRank(item);
                hits += _oracleTop.Contains(item) ? 1 : 0;
            }

            t.Users++;
            t.NdcgAffinity += idcgA > 0 ? dcgA / idcgA : 0;
            t.NdcgOracle += idcgO > 0 ? dcgO / idcgO : 0;
            t.RecallOracle += (double)hits / Math.Max(1, Math.Min(k, best.Length));
            t.Affinity += n > 0 ? affinity / n : 0;
            t.PopularityRank += n > 0 ? rank / n : 0;
            if (_relevant.Count > 0)
            {
                t.HeldOutUsers++;
                t.HeldOutNdcg += RankingMetrics.Ndcg(list.AsSpan(0, n), _relevant, k);
                t.HeldOutRecall += RankingMetrics.Recall(list.AsSpan(0, n), _relevant, k);
            }
        }

        // k distinct items outside the training slice, uniformly, from the user's own seeded stream.
        private int[] Random(int u, int k, ulong seed)
        {
            var rng = new Rng(StreamKey.Combine(StreamKey.Combine(seed, StreamKey.Of("score:random")), (ulong)u));
            int room = items - _exclude.Count;
            var picked = new HashSet<int>();
            var list = new List<int>(Math.Min(k, room));
            while (list.Count < Math.Min(k, room))
            {
                int i = rng.NextInt32(items);
                if (!_exclude.Contains(i) && picked.Add(i))
                {
                    list.Add(i);
                }
            }

            return [.. list];
        }
    }
}
