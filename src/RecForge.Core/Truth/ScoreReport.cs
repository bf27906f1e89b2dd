namespace RecForge.Truth;

/// <summary>What <see cref="TruthScoring"/> found: each model's scores against the truth and on the held-out slice.</summary>
/// <param name="Scenario">The dataset's scenario.</param>
/// <param name="Users">Users scored.</param>
/// <param name="Items">Catalogue size.</param>
/// <param name="TestFraction">Share of each user's events held out (the latest).</param>
/// <param name="Ks">List lengths scored.</param>
/// <param name="Models">The given lists first, then the baselines.</param>
public sealed record ScoreReport(string Scenario, int Users, long Items, double TestFraction, IReadOnlyList<int> Ks, IReadOnlyList<ModelScore> Models);

/// <summary>One model's (or recommendations file's) scores.</summary>
/// <param name="Name">The model: the file's name, or a baseline (random, most_popular, item_knn, als, ease, oracle).</param>
/// <param name="Users">Users with a list.</param>
/// <param name="AtK">Scores at each list length.</param>
public sealed record ModelScore(string Name, int Users, IReadOnlyList<ScoreAtK> AtK);

/// <summary>Scores of the top <see cref="K"/> of each user's list, averaged over users.</summary>
/// <param name="K">List length.</param>
/// <param name="NdcgAffinity">NDCG with the true affinity as graded relevance; the ideal is the k highest affinities among the items outside the user's training slice (listed items of that slice earn nothing).</param>
/// <param name="NdcgOracle">NDCG with the oracle's choice probability as graded relevance: the oracle scores 1.</param>
/// <param name="RecallOracle">Share of the oracle's top k in the list's top k.</param>
/// <param name="MeanAffinity">Mean true affinity of the listed items.</param>
/// <param name="Coverage">Share of the catalogue in at least one user's list.</param>
/// <param name="PopularityRank">Mean popularity rank of the listed items (1 = the most popular item): low is a popularity bias.</param>
/// <param name="HeldOutNdcg">Offline NDCG against the held-out slice of the log (binary relevance), over users with held-out items.</param>
/// <param name="HeldOutRecall">Offline recall of the held-out slice.</param>
public sealed record ScoreAtK(int K, double NdcgAffinity, double NdcgOracle, double RecallOracle, double MeanAffinity, double Coverage, double PopularityRank, double HeldOutNdcg, double HeldOutRecall);
