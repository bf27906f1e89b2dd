namespace RecForge.Evaluation;

/// <summary>Knobs of <see cref="TwinEvaluation"/>.</summary>
/// <param name="TestFraction">Share of real users held out for testing.</param>
/// <param name="Seed">Seed of the user split and samples.</param>
/// <param name="K">List length for NDCG@K and Recall@K.</param>
/// <param name="EaseLambda">EASE regularisation.</param>
/// <param name="EaseItems">Items in the dense EASE model.</param>
/// <param name="PrivacySample">Synthetic users compared in the nearest-record search.</param>
public sealed record EvaluationOptions(double TestFraction = 0.2, ulong Seed = 42, int K = 10, double EaseLambda = 250, int EaseItems = 2000, int PrivacySample = 2000);
