using RecForge.Randomness;
using RecForge.Scenarios;

namespace RecForge.Generation.Events;

/// <summary>
/// The choice mix: one uniform draw picks the source (preference / popularity / exploration in the scenario's
/// shares), whose chooser picks the item. Repeats are allowed; <see cref="DistinctItemChoice"/> forbids them.
/// </summary>
internal class ItemChoice
{
    private readonly ChoiceDefinition _choice;
    private readonly IItemChooser[] _bySource;

    // bySource: A chooser per <see cref="ChoiceSource"/>, in its order.
    public ItemChoice(ChoiceDefinition choice, IItemChooser[] bySource)
    {
        _choice = choice;
        _bySource = bySource;
    }

    /// <summary>Starts a user (nothing to forget when repeats are allowed).</summary>
    public virtual void Begin()
    {
    }

    /// <summary>Draws the source, then an item from it.</summary>
    public virtual long Choose(long previous, ref Rng rng, out ChoiceSource source)
    {
        double u = rng.NextDouble();
        source = u < _choice.Preference ? ChoiceSource.Preference
            : u < _choice.Preference + _choice.Popularity ? ChoiceSource.Popularity
            : ChoiceSource.Exploration;
        return Pick(source, previous, ref rng);
    }

    /// <summary>One pick from <paramref name="source"/>.</summary>
    protected long Pick(ChoiceSource source, long previous, ref Rng rng) => _bySource[(int)source].Pick(previous, ref rng);
}
