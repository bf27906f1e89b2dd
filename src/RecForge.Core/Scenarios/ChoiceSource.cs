namespace RecForge.Scenarios;

/// <summary>Why an item was picked; the values of the optional source column.</summary>
internal enum ChoiceSource
{
    /// <summary>Drawn ∝ affinity × popularity^bias.</summary>
    Preference,

    /// <summary>Drawn by popularity alone.</summary>
    Popularity,

    /// <summary>Drawn uniformly from the catalogue.</summary>
    Exploration,
}
