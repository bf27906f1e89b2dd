namespace RecForge.Scenarios;

/// <summary>A parsed text template: literal parts interleaved with placeholders.</summary>
/// <param name="Parts">Literal text (when <see cref="TemplatePart.Attribute"/> is null) or a placeholder.</param>
internal sealed record TextTemplate(IReadOnlyList<TemplatePart> Parts);
