namespace RecForge.Randomness;

/// <summary>
/// Standard normal draws by the ziggurat method: one 64-bit draw and a table look-up for ~99% of values, no
/// logarithm or cosine (Box–Muller's <see cref="Rng.NextGaussian"/> needs both for every value).
/// </summary>
/// <remarks>
/// Marsaglia and Tsang, "The Ziggurat Method for Generating Random Variables" (J. Stat. Software 5(8), 2000), with
/// 256 layers and, as Doornik ("An Improved Ziggurat Method to Generate Normal Random Samples", 2005) recommends,
/// the layer, the sign and the uniform taken from disjoint bits of the draw. Exact: values outside a layer's
/// rectangle core go through the wedge test against the density, and the base layer's tail beyond
/// <see cref="R"/> is drawn by Marsaglia's exponential method.
/// </remarks>
internal readonly struct ZigguratNormal : INormalSource
{
    private const int Layers = 256;

    // The right edge of the base layer and the common area of each layer (the 256-layer constants of Marsaglia and
    // Tsang's paper).
    private const double R = 3.6541528853610088;
    private const double V = 0.00492867323399;

    // X[i]: the right edge of layer i (X[0] = V / f(R), the width the base layer would have as a rectangle; X[1] = R;
    // X[256] = 0); F[i] = f(X[i]) with f(x) = exp(−x²/2), the density without its constant.
    private static readonly double[] X = BuildEdges();
    private static readonly double[] F = BuildHeights(X);

    /// <summary>One N(0, 1) draw.</summary>
    public static double Next(ref Rng rng)
    {
        while (true)
        {
            ulong bits = rng.NextUInt64();
            int layer = (int)(bits & 0xFF);
            bool negative = (bits & 0x100) != 0;

            // The top 53 bits: uniform in [0, 1), disjoint from the layer and sign bits.
            double x = (bits >> 11) * (1.0 / (1UL << 53)) * X[layer];
            if (x < X[layer + 1])
            {
                return negative ? -x : x;
            }

            if (layer == 0)
            {
                // The tail beyond R (Marsaglia 1964): x = −ln(U₁)/R accepted when −2 ln(U₂) ≥ x².
                double tail, y;
                do
                {
                    tail = -Math.Log(rng.NextOpenDouble()) / R;
                    y = -Math.Log(rng.NextOpenDouble());
                }
                while (y + y < tail * tail);

                return negative ? -(R + tail) : R + tail;
            }

            // The wedge between the layer's core and its right edge: accept under the density.
            if (F[layer] + (rng.NextDouble() * (F[layer + 1] - F[layer])) < Math.Exp(-0.5 * x * x))
            {
                return negative ? -x : x;
            }
        }
    }

    private static double[] BuildEdges()
    {
        var x = new double[Layers + 1];
        x[0] = V / Math.Exp(-0.5 * R * R);
        x[1] = R;
        for (int i = 1; i < Layers - 1; i++)
        {
            // Each layer has area V: X[i+1] solves f(X[i+1]) = V / X[i] + f(X[i]).
            x[i + 1] = Math.Sqrt(-2.0 * Math.Log((V / x[i]) + Math.Exp(-0.5 * x[i] * x[i])));
        }

        x[Layers] = 0;
        return x;
    }

    private static double[] BuildHeights(double[] x)
    {
        var f = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            f[i] = Math.Exp(-0.5 * x[i] * x[i]);
        }

        return f;
    }
}
