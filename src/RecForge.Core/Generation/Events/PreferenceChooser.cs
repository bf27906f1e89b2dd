using RecForge.Randomness;
using RecForge.Sampling;
using RecForge.Scenarios;
using RecForge.World;

namespace RecForge.Generation.Events;

/// <summary>
/// Preference picks, ∝ affinity × popularity^bias. By exact rejection sampling: propose an item with probability
/// ∝ popularity^bias (O(1) Zipf rejection-inversion), accept with probability affinity(target, item), so the catalogue
/// is never scanned; or, with <c>choice.sampler: exact</c>, from the user's tabulated weights
/// (<see cref="ExactPreference"/>). With sequential coherence the pick aims between the taste and the previous item.
/// </summary>
internal sealed class PreferenceChooser : IItemChooser
{
    private readonly WorldModel _world;
    private readonly ItemCatalog _catalog;
    private readonly UserTaste _taste;
    private readonly ExactPreference? _exact;
    private readonly HashSet<long> _seen;
    private readonly ChoiceDefinition _choice;
    private readonly float[] _target;
    private readonly AffinityAcceptance _acceptance;

    // seen: The items the user has taken (filled only when events keep items distinct).
    public PreferenceChooser(WorldModel world, ItemCatalog catalog, UserTaste taste, ExactPreference? exact, HashSet<long> seen)
    {
        _world = world;
        _catalog = catalog;
        _taste = taste;
        _exact = exact;
        _seen = seen;
        _choice = world.Scenario.Events.Choice;
        _target = new float[world.Dimensions];
        _acceptance = new AffinityAcceptance(world);
    }

    /// <summary>Whether the last pick aimed between the taste and the previous item (sequential coherence).</summary>
    public bool LastCoherent { get; private set; }

    public long Pick(long previous, ref Rng rng)
    {
        float[] taste = _taste.DrawInterest(ref rng, out int interest);
        ReadOnlySpan<float> target = taste;
        bool coherent = previous >= 0 && rng.NextDouble() < _choice.Coherence;
        LastCoherent = coherent;
        if (coherent)
        {
            // Sequential coherence: aim between the user's taste and the previous item.
            taste.CopyTo(_target, 0);
            VectorMath.AddScaled(_target, _catalog.Position(previous), 1.0);
            VectorMath.Normalize(_target);
            target = _target;
        }

        // Exact picks take a planted item or draw from the user's table; a coherent pick aims elsewhere and goes by rejection.
        if (_exact is not null && !coherent)
        {
            if (_exact.SamplePlanted(_seen, ref rng) is var planted and >= 0)
            {
                return planted;
            }

            if (_exact.Sample(interest, taste, _seen, ref rng) is var drawn and >= 0)
            {
                return drawn;
            }
        }

        IRankSampler? proposal = _world.PreferenceProposal;
        long candidate = proposal is not null && _catalog.FetchAhead
            ? DrawAhead(proposal, target, ref rng, out double cosine)
            : Draw(proposal, target, ref rng, out cosine);
        if (!coherent)
        {
            // The target was the user's own position: the affinity of the pick needs this cosine again.
            _taste.Know(candidate, cosine);
        }

        return candidate;
    }

    // Rejection: propose an item (∝ popularity^bias, or uniformly without a proposal), accept with its affinity to the
    // target; after MaxTries the last proposal stands.
    private long Draw(IRankSampler? proposal, ReadOnlySpan<float> target, ref Rng rng, out double cosine)
    {
        long candidate = 0;
        cosine = 0;
        long items = _catalog.Count;
        for (int attempt = 0; attempt < _choice.MaxTries; attempt++)
        {
            // A proposed rank reads its position by rank (no round trip through the item's index).
            ReadOnlySpan<float> position;
            if (proposal is not null)
            {
                long rank = proposal.SampleRank(ref rng);
                candidate = _world.ItemOfRank(rank);
                position = _catalog.PositionOfRank(rank, candidate);
            }
            else
            {
                candidate = rng.NextInt64(items);
                position = _catalog.Position(candidate);
            }

            cosine = VectorMath.Dot(target, position);
            if (_acceptance.Accepts(rng.NextDouble(), cosine))
            {
                break;
            }
        }

        return candidate;
    }

    // The attempts of Draw, judged exactly as Draw judges them, with their memory fetched ahead. An attempt's rank and
    // uniform depend only on the generator, so the next Ahead attempts are drawn at once on a copy of it and their
    // positions and item ids prefetched; then they are judged in order, and the generator is left where the judged
    // attempt left it. In a catalogue larger than the caches the cache misses then overlap instead of following one
    // another; what it costs is the draws of attempts past the accepted one.
    private long DrawAhead(IRankSampler proposal, ReadOnlySpan<float> target, ref Rng rng, out double cosine)
    {
        // Four: two to six measured alike over a million items (docs/benchmarks.md); the mean pick takes about 2.5 attempts.
        const int Ahead = 4;
        Span<long> ranks = stackalloc long[Ahead];
        Span<double> uniforms = stackalloc double[Ahead];
        Span<Rng> after = stackalloc Rng[Ahead];
        long candidate = 0;
        cosine = 0;
        for (int done = 0; done < _choice.MaxTries; done += Ahead)
        {
            int count = Math.Min(Ahead, _choice.MaxTries - done);
            Rng ahead = rng;
            for (int j = 0; j < count; j++)
            {
                ranks[j] = proposal.SampleRank(ref ahead);
                uniforms[j] = ahead.NextDouble();
                after[j] = ahead;
                _catalog.Prefetch(ranks[j]);
                _world.PrefetchItemOfRank(ranks[j]);
            }

            for (int j = 0; j < count; j++)
            {
                candidate = _world.ItemOfRank(ranks[j]);
                cosine = VectorMath.Dot(target, _catalog.PositionOfRank(ranks[j], candidate));
                rng = after[j];
                if (_acceptance.Accepts(uniforms[j], cosine))
                {
                    return candidate;
                }
            }
        }

        return candidate;
    }
}
