using RecForge.Evaluation;
using RecForge.Randomness;
using RecForge.Sampling;
using RecForge.World;

namespace RecForge.Fit;

/// <summary>Knobs of <see cref="TwinFit"/>; the defaults are the ones measured in <c>docs/evaluation.md</c>.</summary>
public sealed record TwinFitOptions
{
    /// <summary>Latent dimensions, or 0 for min(192, 3 · users / 8, items / 4), at least 8.</summary>
    public int Dimensions { get; init; }

    /// <summary>Taste clusters (mixture components over users).</summary>
    public int Clusters { get; init; } = 12;

    /// <summary>Affinity slope κ: a user picks items ∝ weight × 1 / (1 + exp(−κ (cos − μ))).</summary>
    public double Sharpness { get; init; } = 36;

    /// <summary>Affinity midpoint μ.</summary>
    public double Midpoint { get; init; } = 0.5;

    /// <summary>Scale of the clusters' fitted spreads (below 1: synthetic users more typical than real ones).</summary>
    public double SpreadScale { get; init; } = 1.0;

    /// <summary>
    /// Principal axes kept per taste cluster (at most; only those above sampling noise), so synthetic users vary along
    /// the directions real users vary together (see <see cref="TasteComponent.Axes"/>). None under DP.
    /// </summary>
    public int TasteAxes { get; init; } = 4;

    /// <summary>Most interests per user (1: one taste position; 2: users mixing two clusters pick by either).</summary>
    public int Interests { get; init; } = 1;

    /// <summary>Slope of the popularity bias with activity (see <c>choice.activity_bias_slope</c>).</summary>
    public double ActivityBiasSlope { get; init; }

    /// <summary>σ of users' own item-level factors (see <c>choice.idiosyncrasy</c>).</summary>
    public double Idiosyncrasy { get; init; } = 1.0;

    /// <summary>Popularity damping α of the factorisation (see <see cref="ItemFactorization"/>).</summary>
    public double Alpha { get; init; } = 0.2;

    /// <summary>
    /// Plant every item of the log with one user per learned user of the log (<c>choice.planted</c>), the rest of its
    /// users coming from ordinary picks: every item a real log has has a user, where independent picks leave an item
    /// of one expected user out with probability 1/e. Off by default (docs/evaluation.md: the long tail becomes the
    /// log's, utility stays within its noise). Ignored under DP (`fit` refuses the two together).
    /// </summary>
    public bool Plant { get; init; }

    /// <summary>Seed of the factorisation, clustering and calibration.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Users simulated to calibrate the choice weights.</summary>
    public int SimulatedUsers { get; init; } = 1000;

    /// <summary>Under DP, at most this many items (largest noisy popularity) get taste positions; fewer when the noise is large.</summary>
    public int PrivateItems { get; init; } = 1500;

    /// <summary>Differential privacy, or null for exact statistics.</summary>
    public PrivacyBudget? Privacy { get; init; }

    /// <summary>How the privacy budget is split.</summary>
    public PrivacyShares Shares { get; init; } = PrivacyShares.Default;

    /// <summary>Hears each stage's name as it starts (for a progress display), or null.</summary>
    public Action<string>? Progress { get; init; }
}

/// <summary>Everything a twin scenario needs: the log's shape, item positions and choice weights, taste clusters and the rating model.</summary>
public sealed class TwinModel
{
    /// <summary>Sizes, activity, time, sessions and histograms.</summary>
    public required LogProfile Profile { get; init; }

    /// <summary>The options it was fitted with (the choice model's sharpness, midpoint, idiosyncrasy and bias slope).</summary>
    public required TwinFitOptions Options { get; init; }

    /// <summary>Latent dimensions.</summary>
    public required int Dimensions { get; init; }

    /// <summary>Most interests per user (the option, at most the number of clusters).</summary>
    public required int Interests { get; init; }

    /// <summary>Unit item positions, item after item.</summary>
    public required float[] Positions { get; init; }

    /// <summary>Choice weight per item (largest 1, 0 for items nobody chose).</summary>
    public required double[] Weights { get; init; }

    /// <summary>Items a twin can pick (a positive weight).</summary>
    public int ChosenItems => Weights.Where((w, i) => w > 0 || Planted?[i] > 0).Count();

    /// <summary>Planted users per item per learned user of the log (see <see cref="TwinFitOptions.Plant"/>), or null.</summary>
    public double[]? Planted { get; init; }

    /// <summary>γ of planted picks: they go to users ∝ events^γ × affinity, γ matching the log's (1 without planting).</summary>
    public double PlantingExponent { get; init; } = 1;

    /// <summary>The taste clusters.</summary>
    public required IReadOnlyList<TasteComponent> Clusters { get; init; }

    /// <summary>The rating model, or null for implicit logs.</summary>
    public RatingModelFit? Rating { get; init; }

    /// <summary>Rating values, ascending (empty for implicit logs).</summary>
    public required double[] RatingValues { get; init; }

    /// <summary>Share of users and catalogue items in the log's largest connected component (null under DP: not released).</summary>
    public double? LargestComponent { get; init; }
}

/// <summary>
/// Learns a twin of a log over its own catalogue: item taste positions from a truncated SVD of the user–item matrix,
/// taste clusters as a mixture over users' fold-in positions, choice weights calibrated so that users drawn from the
/// clusters reproduce each item's popularity, and the ordinal rating model.
/// </summary>
public static class TwinFit
{
    /// <summary>Fits <paramref name="log"/>, whose item indexes run over <paramref name="items"/> catalogue items.</summary>
    public static TwinModel Learn(InteractionLog log, int items, IReadOnlyDictionary<int, string[]>? genres, TwinFitOptions options)
    {
        PrivacyBudget? privacy = options.Privacy;
        // A twin keeps the real catalogue, so users' genre shares are not released: their share goes to the factors.
        PrivacyShares shares = options.Shares with { Factors = options.Shares.Factors + options.Shares.Genres, Genres = 0 };
        options.Progress?.Invoke("profile: activity, time, sessions");
        LogProfile profile = LogProfile.Learn(log, null, privacy, shares);
        IReadOnlyList<int[]> histories = log.Items;
        // Many factors (3/8 of the users, measured on MovieLens: fewer make synthetic users more typical than real ones).
        int dims = options.Dimensions > 0 ? options.Dimensions : Math.Clamp(Math.Min(3 * profile.Users / 8, Math.Max(items / 4, 2)), 8, 192);

        // Users per item: exact counts, or under DP Σ_u 1/√n_u (each user's contribution has unit norm) rescaled to events.
        var popularity = new double[items];
        foreach (int[] h in histories)
        {
            foreach (int i in h)
            {
                popularity[i] += privacy is null ? 1 : 1 / Math.Sqrt(h.Length);
            }
        }

        float[] positions;
        double[] target;
        options.Progress?.Invoke($"taste positions: {dims} dimensions over {items:N0} items");
        if (privacy is null)
        {
            positions = ItemFactorization.Fit(histories, items, dims, options.Alpha, seed: options.Seed);
            // Items the learned users never chose keep weight 0: giving them one user's worth raised coverage from 76% to
            // 81% on MovieLens but, having no taste position, they are picked at random and item-kNN fell from 0.76 to
            // 0.71 of train-on-real (three twins each; docs/evaluation.md).
            target = popularity;
        }
        else
        {
            privacy.Perturb("users per item", popularity, shares.Popularity, 1);
            double sigma = privacy.Spent[^1].Sigma;
            positions = ItemFactorization.FitPrivate(histories, items, dims, popularity, options.PrivateItems, profile.Users, privacy, shares.Factors, options.Alpha, seed: options.Seed);

            target = PrivateTargets(popularity, sigma, profile.Events);
        }

        // Clusters over users' interests (under DP over their single fold-ins: one unit vector per user bounds the sensitivity).
        options.Progress?.Invoke("taste clusters");
        float[][] tastes = TasteMixture.FoldIn(histories, positions, dims);
        int interests = Math.Max(1, options.Interests);
        List<TasteComponent> clusters = privacy is null
            ? TasteMixture.Fit(interests > 1 ? [.. TasteMixture.Interests(histories, positions, dims)] : tastes, options.Clusters, options.SpreadScale, options.Seed, options.TasteAxes)
            : TasteMixture.FitPrivate(tastes, options.Clusters, options.SpreadScale, privacy, shares.Clusters);
        interests = Math.Min(interests, clusters.Count);

        options.Progress?.Invoke("choice weights");
        var (simulated, activity) = SimulateUsers(clusters, interests, profile, dims, options);
        double[]? planted = null;
        double plantingExponent = 1;
        if (privacy is null && options.Plant)
        {
            plantingExponent = PlantingExponent.Fit(histories, items, positions, dims, simulated, activity, options.Sharpness, options.Midpoint);

            // Each item of the log gets one planted user; ordinary picks make up the rest of its users and of each
            // user's events. Every activity shrinks alike here, a first-order account: the engine gives planted picks
            // to users ∝ events^γ, at most half of anyone's events.
            planted = [.. target.Select(t => t >= 1 ? 1.0 : 0)];
            double plantedEvents = planted.Sum(), events = target.Sum();
            target = [.. target.Select((t, i) => t - planted[i])];
            double keep = Math.Max(events - plantedEvents, 0) / Math.Max(events, 1e-300);
            activity = [.. activity.Select(a => Math.Max(a * keep, 1e-3))];
        }

        double simulatedEvents = activity.Sum(), targetEvents = target.Sum();
        double[] scaled = [.. target.Select(t => t * simulatedEvents / Math.Max(targetEvents, 1e-300))];
        double[] weights = ChoiceCalibration.Weights(scaled, positions, dims, simulated, activity, options.Sharpness, options.Midpoint,
            idiosyncrasy: options.Idiosyncrasy, seed: options.Seed, biasSlope: options.ActivityBiasSlope);

        double[] values = [.. profile.Ratings.Keys.Order()];
        RatingModelFit? rating = null;
        if (values.Length > 1)
        {
            options.Progress?.Invoke("rating model");
            double Affinity(int u, int k)
            {
                double cos = VectorMath.Dot(tastes[u], positions.AsSpan(histories[u][k] * dims, dims));
                return 1 / (1 + Math.Exp(-options.Sharpness * (cos - options.Midpoint)));
            }

            rating = RatingModelFit.Fit(log, items, Affinity, values, [.. values.Select(v => profile.Ratings[v])], options.Seed, privacy, shares.RatingModel, popularity);
        }

        return new TwinModel
        {
            Profile = profile,
            Options = options,
            Dimensions = dims,
            Interests = interests,
            Positions = positions,
            Weights = weights,
            Planted = planted,
            PlantingExponent = plantingExponent,
            Clusters = clusters,
            Rating = rating,
            RatingValues = values,
            LargestComponent = privacy is null ? LargestComponent(histories, items) : null,
        };
    }

    // Users per item released under DP, as targets that add up to the events. An item whose noisy count is below two
    // noise widths cannot be told from noise, but it is in the (public) catalogue and someone chose it or it would not
    // be there: those items share the noisy mass they hold together (an unbiased estimate of their total, the noise
    // averaging out over many), evenly, and never less than a hundredth of the kept items' mean. Noise shrinks an item,
    // it does not remove it, and the catalogue's tail stays reachable.
    private static double[] PrivateTargets(double[] noisy, double sigma, double events)
    {
        double keptMass = 0, tailMass = 0;
        int kept = 0, tail = 0;
        foreach (double p in noisy)
        {
            if (p > 2 * sigma)
            {
                keptMass += p;
                kept++;
            }
            else
            {
                tailMass += p;
                tail++;
            }
        }

        double floor = kept > 0 ? keptMass / kept / 100 : 1;
        double each = tail > 0 ? Math.Max(tailMass / tail, floor) : 0;
        double total = keptMass + (each * tail);
        return [.. noisy.Select(p => (p > 2 * sigma ? p : each) / total * events)];
    }

    // Union–find over users and items; the share of all users and catalogue items in the largest component.
    private static double LargestComponent(IReadOnlyList<int[]> histories, int items)
    {
        int users = histories.Count;
        int[] parent = [.. Enumerable.Range(0, users + items)];
        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        for (int u = 0; u < users; u++)
        {
            foreach (int i in histories[u])
            {
                parent[Find(u)] = Find(users + i);
            }
        }

        var sizes = new Dictionary<int, int>();
        for (int x = 0; x < parent.Length; x++)
        {
            int root = Find(x);
            sizes[root] = sizes.GetValueOrDefault(root) + 1;
        }

        return (double)sizes.Values.Max() / parent.Length;
    }

    // Users as the engine makes them — 1..interests distinct clusters by weight, Gamma(1) mixture weights sorted and
    // normalised, each interest its centroid + spread · z + Σ z_a · axis_a, normalised — with activities as its plan gives them:
    // 1 + (events − users) · a / Σ a for a drawn from the activity quantiles.
    private static (List<SimulatedUser> Users, double[] Activity) SimulateUsers(IReadOnlyList<TasteComponent> clusters, int interests, LogProfile profile, int dims, TwinFitOptions options)
    {
        int n = Math.Max(1, Math.Min(options.SimulatedUsers, Math.Max(profile.Users, 200)));
        var choice = new AliasTable([.. clusters.Select(c => c.Weight)]);
        var activitySampler = new QuantileSampler(profile.ActivityQuantiles);
        var rng = new Rng(StreamKey.Combine(options.Seed, StreamKey.Of("calibration-users")));
        var users = new List<SimulatedUser>(n);
        var raw = new double[n];
        for (int u = 0; u < n; u++)
        {
            int k = 1 + rng.NextInt32(interests);
            var picked = new List<int>();
            while (picked.Count < k)
            {
                int c = choice.Sample(ref rng);
                if (!picked.Contains(c))
                {
                    picked.Add(c);
                }
            }

            double[] weights = [.. picked.Select(_ => GammaSampler.Draw(ref rng, 1.0))];
            double total = weights.Sum();
            weights = [.. weights.Select(w => w / total).OrderDescending()];
            var positions = new float[k][];
            for (int j = 0; j < k; j++)
            {
                TasteComponent c = clusters[picked[j]];
                positions[j] = new float[dims];
                for (int d = 0; d < dims; d++)
                {
                    positions[j][d] = (float)(c.Centroid[d] + c.Spread[d] * rng.NextGaussian());
                }

                foreach (float[] axis in c.Axes)
                {
                    VectorMath.AddScaled(positions[j], axis, rng.NextGaussian());
                }

                VectorMath.Normalize(positions[j]);
            }

            users.Add(new SimulatedUser(positions, weights));
            raw[u] = Math.Max(0, activitySampler.Sample(ref rng));
        }

        double mean = Math.Max(raw.Average(), 1e-12);
        double perUser = (double)profile.Events / Math.Max(profile.Users, 1);
        double[] activity = [.. raw.Select(a => 1 + Math.Max(perUser - 1, 0) * a / mean)];
        return (users, activity);
    }
}
