using RecForge.Randomness;

namespace RecForge.Generation.Events;

/// <summary>
/// One outcome of an exposure (watch time, rating, play). A scenario's models are chosen once when the world is built
/// and run in a fixed order, each drawing from the event stream only what it needs.
/// </summary>
internal interface IOutcomeModel
{
    /// <summary>Starts <paramref name="user"/> (per-user draws come from their own streams, not the event stream).</summary>
    void Begin(long user);

    /// <summary>Fills this model's part of <paramref name="outcome"/> for an exposure of <paramref name="item"/>.</summary>
    void Draw(long item, double affinity, ref Outcome outcome, ref Rng rng);
}
