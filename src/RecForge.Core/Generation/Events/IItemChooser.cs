using RecForge.Randomness;

namespace RecForge.Generation.Events;

/// <summary>One way of choosing an item (a <see cref="Scenarios.ChoiceSource"/>): preference, popularity or exploration.</summary>
internal interface IItemChooser
{
    /// <summary>Draws an item index; <paramref name="previous"/> is the session's previous item, or −1.</summary>
    long Pick(long previous, ref Rng rng);
}
