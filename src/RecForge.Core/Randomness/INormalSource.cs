namespace RecForge.Randomness;

/// <summary>A way to draw standard normals, chosen at compile time (a struct type argument, so calls inline).</summary>
internal interface INormalSource
{
    /// <summary>One N(0, 1) draw.</summary>
    static abstract double Next(ref Rng rng);
}

/// <summary>Box–Muller normals, <see cref="Rng.NextGaussian"/>: the world model's and the fit's draws.</summary>
internal readonly struct BoxMullerNormal : INormalSource
{
    /// <inheritdoc />
    public static double Next(ref Rng rng) => rng.NextGaussian();
}
