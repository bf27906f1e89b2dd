namespace RecForge.Scenarios;

/// <summary>A loaded, validated scenario: everything the generator needs, immutable.</summary>
/// <param name="Name">The scenario's name (e.g. <c>media</c>).</param>
/// <param name="Source">The scenario text after overrides, used for the manifest's checksum.</param>
/// <param name="Seed">The master seed.</param>
/// <param name="World">Latent taste space, popularity and affinity.</param>
/// <param name="Items">The catalogue entity.</param>
/// <param name="Users">The user entity.</param>
/// <param name="Events">The interaction process.</param>
/// <param name="Output">File format and layout.</param>
/// <param name="Quality">Targets for <c>recforge validate</c>.</param>
/// <param name="Creators">An optional third entity items belong to (artists, brands, channels).</param>
/// <param name="Derived">Tables derived from the entities and events: category lists, link tables, edge lists.</param>
public sealed record ScenarioDefinition(
    string Name,
    string Source,
    ulong Seed,
    WorldDefinition World,
    EntityDefinition Items,
    EntityDefinition Users,
    EventDefinition Events,
    OutputDefinition Output,
    QualityDefinition Quality,
    EntityDefinition? Creators = null,
    IReadOnlyList<DerivedTableDefinition>? Derived = null)
{
    /// <summary>What the scenario was fitted from (<c>recforge fit</c>), or null for a hand-written scenario.</summary>
    public FitDefinition? Fit { get; init; }

    /// <summary>The full path of the YAML file the scenario was loaded from, or null (built-in or in-memory text).</summary>
    public string? File { get; init; }

    /// <summary>The <c>path=value</c> overrides applied to the file (recorded so the same scenario can be loaded again).</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>SHA-256 of <see cref="Source"/> (lower-case hex): the manifest's scenario checksum.</summary>
    public string Sha256 => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Source)));

    /// <summary>The entity tables in generation order: items, users, then creators when there are any.</summary>
    public IEnumerable<EntityDefinition> Entities => Creators is null ? [Items, Users] : [Items, Users, Creators];

    /// <summary>The entity whose table has this name, or null.</summary>
    public EntityDefinition? EntityOfTable(string table)
    {
        foreach (EntityDefinition e in Entities)
        {
            if (e.Table == table)
            {
                return e;
            }
        }

        return null;
    }
}
