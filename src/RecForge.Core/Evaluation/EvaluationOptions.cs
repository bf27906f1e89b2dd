namespace RecForge.Evaluation;

/// <summary>Knobs of <see cref="TwinEvaluation"/>.</summary>
/// <param name="TestFraction">Share of real users held out for testing.</param>
/// <param name="Seed">Seed of the train/test split, the order of tied events and the samples.</param>
/// <param name="K">List length for NDCG@K and Recall@K.</param>
/// <param name="EaseLambda">EASE regularisation.</param>
/// <param name="EaseItems">Items in the dense EASE model.</param>
/// <param name="PrivacySample">Synthetic users compared in the nearest-record search.</param>
/// <param name="Weights">The logs' values are weights of an implicit log (play counts), compared in log₂ bins, not ratings.</param>
/// <param name="UtilitySample">Most synthetic users the recommenders train on (a seeded sample of a larger twin).</param>
public sealed record EvaluationOptions(double TestFraction = 0.2, ulong Seed = 42, int K = 10, double EaseLambda = 250, int EaseItems = 2000, int PrivacySample = 2000,
    bool Weights = false, int UtilitySample = 100_000);
