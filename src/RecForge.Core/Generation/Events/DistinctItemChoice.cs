using RecForge.Randomness;
using RecForge.Scenarios;

namespace RecForge.Generation.Events;

/// <summary>
/// The choice mix without repeats (<c>events.distinct_items</c>, the default with ratings): a pick the user has met is
/// redrawn from the same source, so the preference / popularity / exploration shares stay those of the scenario (exact
/// picks never repeat, their weight being zeroed); after 32 tries, the next unseen item from a random place in the
/// catalogue, labelled exploration. Once every item is taken, repeats are allowed.
/// </summary>
internal sealed class DistinctItemChoice : ItemChoice
{
    private const int MaxRedraws = 32;

    private readonly long _items;
    private readonly HashSet<long> _seen;
    private readonly ExactPreference? _exact;

    // seen: The set this choice fills; the preference chooser reads it.
    public DistinctItemChoice(ChoiceDefinition choice, IItemChooser[] bySource, long items, HashSet<long> seen, ExactPreference? exact)
        : base(choice, bySource)
    {
        _items = items;
        _seen = seen;
        _exact = exact;
    }

    public override void Begin() => _seen.Clear();

    public override long Choose(long previous, ref Rng rng, out ChoiceSource source)
    {
        long item = base.Choose(previous, ref rng, out source);
        for (int attempt = 0; _seen.Contains(item) && _seen.Count < _items; attempt++)
        {
            if (attempt == MaxRedraws)
            {
                // The source has nothing left for this user (a heavy shopper has rated their whole category): the
                // item is any unseen one, and its source says so, so ratings and ground truth stay honest.
                item = rng.NextInt64(_items);
                while (_seen.Contains(item))
                {
                    item = (item + 1) % _items;
                }

                source = ChoiceSource.Exploration;
                break;
            }

            item = Pick(source, previous, ref rng);
        }

        _seen.Add(item);
        _exact?.Take(item);
        return item;
    }
}
