namespace RecForge.Fit;

/// <summary>
/// Item taste positions from a log: the leading right singular vectors of X·D^−α, where X is the binary user × item
/// matrix and D the diagonal of item counts (α = 0.2 by default: popularity is damped so the factors describe who
/// watches what together rather than what everyone watches — popularity itself is carried by the choice weights).
/// Each item's position is its row of the k singular vectors, whitened (every factor weighted alike), normalised.
/// </summary>
internal static class ItemFactorization
{
    /// <summary>Item positions, item after item (<paramref name="dimensions"/> floats each, unit length; zero for items without events).</summary>
    public static float[] Fit(IReadOnlyList<int[]> histories, int items, int dimensions, double alpha = 0.2, int iterations = 10, ulong seed = 42)
    {
        var counts = new double[items];
        foreach (int[] h in histories)
        {
            foreach (int i in h)
            {
                counts[i]++;
            }
        }

        var scale = new double[items];
        for (int i = 0; i < items; i++)
        {
            scale[i] = counts[i] > 0 ? Math.Pow(counts[i], -alpha) : 0;
        }

        var (_, vectors) = SubspaceIteration.Top(items, dimensions, (q, result) => ApplyGram(histories, scale, q, result), iterations, seed);
        return Positions(vectors, items, dimensions);
    }

    /// <summary>
    /// The differentially private variant ("Analyze Gauss", Dwork, Talwar, Thakurta and Zhang, STOC 2014): the Gram
    /// matrix of the <paramref name="top"/> items with the largest noisy popularity, each user's row scaled by
    /// popularity^−α and normalised to unit length — so one user changes the matrix by at most 1 in Frobenius norm —
    /// plus symmetric Gaussian noise, then its leading eigenvectors above the noise's spectral edge. Other items get no
    /// position (zero). <paramref name="top"/> caps the items; fewer are taken when the noise is large.
    /// </summary>
    public static float[] FitPrivate(IReadOnlyList<int[]> histories, int items, int dimensions, double[] noisyPopularity, int top,
        double users, PrivacyBudget privacy, double share, double alpha = 0.2, int iterations = 10, ulong seed = 42)
    {
        // How many items the noise allows: the matrix's signal is at most one unit per user (its trace), the noise's
        // spectral edge 2σ√n grows with the items. n = (users / 36σ)² puts the edge at 1/18 of the trace; measured on
        // MovieLens at ε = 10 (488 users, σ = 1.08: n = 159), 160 items gave item-kNN 0.81 and EASE 0.74 of
        // train-on-real, 250 gave 0.77 and 0.68, 1,500 gave 0.52–0.56 and 0.42–0.46 (docs/evaluation.md). The (users/σ)²
        // law is the method; the 36 is that one measurement. Re-checked with the factors' share at 0.52 (σ = 0.85, n = 256
        // there): 28 and 45 both gave a lower item-kNN over twelve twins and the same EASE (docs/evaluation.md).
        // At least 50 items (or the cap): below that the matrix has too few items to lay out any taste at all.
        top = (int)Math.Clamp(Math.Pow(users / (36 * privacy.SigmaFor(share, 1)), 2), Math.Min(50, top), top);
        int[] chosen = [.. Enumerable.Range(0, items).Where(i => noisyPopularity[i] > 0).OrderByDescending(i => noisyPopularity[i]).ThenBy(i => i).Take(top)];
        int n = chosen.Length;
        var column = new int[items];
        Array.Fill(column, -1);
        for (int c = 0; c < n; c++)
        {
            column[chosen[c]] = c;
        }

        var gram = new double[n * n];
        var rows = new List<(int Column, double Value)>();
        foreach (int[] h in histories)
        {
            rows.Clear();
            double norm = 0;
            foreach (int i in h)
            {
                if (column[i] >= 0)
                {
                    double v = Math.Pow(noisyPopularity[i], -alpha);
                    rows.Add((column[i], v));
                    norm += v * v;
                }
            }

            norm = Math.Sqrt(norm);
            foreach (var (a, va) in rows)
            {
                foreach (var (b, vb) in rows)
                {
                    gram[a * n + b] += va * vb / (norm * norm);
                }
            }
        }

        // Noise on the upper triangle (diagonal included), mirrored: the release is the triangle, of sensitivity ≤ 1.
        int entries = n * (n + 1) / 2;
        var noise = new double[entries];
        double sigma = privacy.Perturb($"item co-occurrence matrix ({n:N0} items)", noise, share, 1);
        int e = 0;
        for (int a = 0; a < n; a++)
        {
            for (int b = a; b < n; b++, e++)
            {
                gram[a * n + b] += noise[e];
                if (b != a)
                {
                    gram[b * n + a] += noise[e];
                }
            }
        }

        var (values, vectors) = SubspaceIteration.Top(n, Math.Min(dimensions, n), (q, result) => ApplyDense(gram, n, q, result), iterations, seed);

        // A symmetric matrix of N(0, σ²) entries has its spectrum inside ±2σ√n (Wigner's semicircle): a component whose
        // eigenvalue does not clear that edge is noise, and laid out as a taste dimension it only scatters the items.
        // Only the components above it become dimensions (the rest stay zero); post-processing, so no budget is spent.
        double edge = 2 * sigma * Math.Sqrt(n);
        int kept = Math.Max(1, values.Count(v => v > edge));
        var full = new double[vectors.Length][];
        for (int k = 0; k < vectors.Length; k++)
        {
            full[k] = new double[items];
            if (k >= kept)
            {
                continue;
            }

            for (int c = 0; c < n; c++)
            {
                full[k][chosen[c]] = vectors[k][c];
            }
        }

        return Positions(full, items, dimensions);
    }

    private static void ApplyDense(double[] gram, int n, double[][] q, double[][] result)
    {
        Parallel.For(0, q.Length, j =>
        {
            double[] x = q[j], y = result[j];
            for (int a = 0; a < n; a++)
            {
                double sum = 0;
                int row = a * n;
                for (int b = 0; b < n; b++)
                {
                    sum += gram[row + b] * x[b];
                }

                y[a] = sum;
            }
        });
    }

    /// <summary>Lays the eigenvectors out as unit item positions (row i = the vectors' i-th entries).</summary>
    public static float[] Positions(double[][] vectors, int items, int dimensions)
    {
        var positions = new float[checked(items * dimensions)];
        for (int k = 0; k < vectors.Length; k++)
        {
            for (int i = 0; i < items; i++)
            {
                positions[i * dimensions + k] = (float)vectors[k][i];
            }
        }

        for (int i = 0; i < items; i++)
        {
            World.VectorMath.Normalize(positions.AsSpan(i * dimensions, dimensions));
        }

        return positions;
    }

    // result_j = (X D^−α)ᵀ (X D^−α) q_j, one vector per task: y_u = Σ_{i ∈ h_u} s_i q_ji, then every i ∈ h_u gains s_i y_u.
    // Each output vector is summed by one thread in user order, so the result does not depend on the thread count.
    private static void ApplyGram(IReadOnlyList<int[]> histories, double[] scale, double[][] q, double[][] result)
    {
        Parallel.For(0, q.Length, j =>
        {
            double[] x = q[j], z = result[j];
            Array.Clear(z);
            foreach (int[] h in histories)
            {
                double y = 0;
                foreach (int i in h)
                {
                    y += scale[i] * x[i];
                }

                foreach (int i in h)
                {
                    z[i] += scale[i] * y;
                }
            }
        });
    }
}
