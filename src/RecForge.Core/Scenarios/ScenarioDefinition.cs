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
public sealed record ScenarioDefinition(
    string Name,
    string Source,
    ulong Seed,
    WorldDefinition World,
    EntityDefinition Items,
    EntityDefinition Users,
    EventDefinition Events,
    OutputDefinition Output,
    QualityDefinition Quality);
