namespace RecForge.Truth;

/// <summary>What a ground-truth table holds.</summary>
internal enum TruthKind
{
    /// <summary>Per user: latent position, taste clusters and weights, activity, popularity exponent.</summary>
    Users,

    /// <summary>Per user interest (scenarios with <c>mix: picks</c>): cluster, weight and position.</summary>
    Interests,

    /// <summary>Per item: position, popularity, choice weight and (with a fitted rating model) item bias.</summary>
    Items,

    /// <summary>Per event, row for row with the events table: the pick source and the true affinity.</summary>
    Events,

    /// <summary>Per user, the oracle's K items of highest expected choice probability over the whole catalogue.</summary>
    TopK,

    /// <summary>The same, leaving out the items the user already has in the log.</summary>
    TopKUnseen,
}
