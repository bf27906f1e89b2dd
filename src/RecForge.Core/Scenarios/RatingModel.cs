namespace RecForge.Scenarios;

/// <summary>
/// An ordinal (ordered-probit style) rating model: each rating's latent score is
/// z = b_u + b_i + <paramref name="AffinityWeight"/> · affinity + s_u · ε, ε ~ N(0, 1), with a per-user bias b_u and
/// spread s_u drawn once per user and an item bias b_i from an item attribute; the rating is the value whose interval
/// between consecutive <paramref name="Thresholds"/> holds z. <c>recforge fit</c> places the thresholds at the
/// quantiles of z that give the log's histogram.
/// </summary>
public sealed record RatingModel(Sampling.IScalarSampler UserBias, AttributeDefinition? ItemBias, double AffinityWeight, Sampling.IScalarSampler Noise, double[] Thresholds);
