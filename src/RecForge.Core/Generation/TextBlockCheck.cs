using RecForge.Scenarios;
using RecForge.Text;

namespace RecForge.Generation;

/// <summary>Checks that a sentence model fits the scenario's embedding text blocks before anything is written.</summary>
internal static class TextBlockCheck
{
    // A sentence model writes vectors of its own width; a text block of another width is a scenario to change, not
    // something to pad or cut silently.
    public static void Run(ScenarioDefinition scenario, ITextEncoder? encoder)
    {
        if (encoder is null)
        {
            return;
        }

        bool any = false;
        foreach (EntityDefinition entity in scenario.Entities)
        {
            foreach (WorldAttribute attribute in entity.Attributes.OfType<WorldAttribute>())
            {
                foreach (EmbeddingBlock block in attribute.Embedding?.Blocks ?? [])
                {
                    if (block.Source != "text")
                    {
                        continue;
                    }

                    any = true;
                    if (block.Dimension != encoder.Dimension)
                    {
                        throw new ScenarioException($"{scenario.Name}: {entity.Role}.attributes.{attribute.Name} block '{block.Name}' has {block.Dimension} dimensions but the text encoder {encoder.Name} writes {encoder.Dimension}; set the block's dimension to {encoder.Dimension}");
                    }
                }
            }
        }

        if (!any)
        {
            throw new ScenarioException($"{scenario.Name}: no embedding has a text block, so the text encoder {encoder.Name} would not be used");
        }
    }
}
