using RecForge.Scenarios;

namespace RecForge.Truth;

/// <summary>
/// What the interaction sampler knows of each row it writes and the events table does not say: the item's index, the
/// pick source (coherent preference picks told apart) and the true affinity, by row of the current batch.
/// </summary>
internal sealed class PickTruth(int capacity)
{
    /// <summary>The names of the sources, by <see cref="ChoiceSource"/>, then coherence.</summary>
    public static readonly string[] SourceNames = ["preference", "popularity", "exploration", "coherence"];

    /// <summary>Each row's item index.</summary>
    public long[] Items { get; } = new long[capacity];

    /// <summary>Each row's source: an index into <see cref="SourceNames"/>.</summary>
    public int[] Sources { get; } = new int[capacity];

    /// <summary>Each row's true affinity.</summary>
    public double[] Affinities { get; } = new double[capacity];

    /// <summary>Records row <paramref name="row"/> of the batch about to be written.</summary>
    public void Record(int row, long item, ChoiceSource source, bool coherent, double affinity)
    {
        Items[row] = item;
        Sources[row] = coherent && source == ChoiceSource.Preference ? 3 : (int)source;
        Affinities[row] = affinity;
    }
}
