using YamlDotNet.RepresentationModel;

namespace RecForge.Scenarios;

/// <summary>Text attributes: templates and their vocabularies.</summary>
internal sealed partial class AttributeReader
{
    private TextAttribute Text(string name, bool output, YamlNode spec, string path)
    {
        if (spec is not YamlSequenceNode list || list.Children.Count == 0)
        {
            throw _source.Error(spec, path, "expected a list of templates such as \"The {mood.adjective} {genre.noun}\"");
        }

        var templates = new List<TextTemplate>();
        foreach (YamlNode item in list.Children)
        {
            string text = (item as YamlScalarNode)?.Value ?? throw _source.Error(item, path, "expected a template text");
            templates.Add(ParseTemplate(text, item, path));
        }

        return new TextAttribute(name, output, NextSlot, templates);
    }

    private TextTemplate ParseTemplate(string text, YamlNode node, string path)
    {
        var parts = new List<TemplatePart>();
        int pos = 0;
        while (pos < text.Length)
        {
            int open = text.IndexOf('{', pos);
            if (open < 0)
            {
                parts.Add(new TemplatePart(text[pos..], null, null, null, null));
                break;
            }

            if (open > pos)
            {
                parts.Add(new TemplatePart(text[pos..open], null, null, null, null));
            }

            int close = text.IndexOf('}', open);
            if (close < 0)
            {
                throw _source.Error(node, path, $"unclosed '{{' in template \"{text}\"");
            }

            string placeholder = text[(open + 1)..close];
            bool lower = placeholder.EndsWith(":lower", StringComparison.Ordinal);
            if (lower)
            {
                placeholder = placeholder[..^":lower".Length];
            }
            else if (placeholder.Contains(':', StringComparison.Ordinal))
            {
                throw _source.Error(node, path, $"unknown modifier in '{{{placeholder}}}' (only :lower is supported)");
            }

            int dot = placeholder.IndexOf('.', StringComparison.Ordinal);
            TemplatePart part = dot < 0
                ? new TemplatePart(null, null, Resolve(placeholder, node), null, null)
                : WordPart(placeholder[..dot], placeholder[(dot + 1)..], node, path);
            parts.Add(part with { Lower = lower });

            pos = close + 1;
        }

        return new TextTemplate(parts);
    }

    private TemplatePart WordPart(string attributeName, string wordClass, YamlNode node, string path)
    {
        if (Resolve(attributeName, node) is not CategoryAttribute attribute)
        {
            throw _source.Error(node, path, $"'{{{attributeName}.{wordClass}}}': '{attributeName}' must be categorical to have a vocabulary");
        }

        MappingReader vocabulary = _vocabulary?.Mapping(attributeName)
            ?? throw _source.Error(node, path, $"'{{{attributeName}.{wordClass}}}' needs a 'vocabulary.{attributeName}' section");
        var words = new List<IReadOnlyList<string>>();
        foreach (Category category in attribute.Categories)
        {
            MappingReader entry = vocabulary.Mapping(category.Group)
                ?? throw vocabulary.Error($"missing words for '{category.Group}' (every value of '{attributeName}' needs them)");
            YamlSequenceNode list = entry.Sequence(wordClass)
                ?? throw entry.Error($"missing word list '{wordClass}' used by a template");
            words.Add([.. list.Children.Select(w => (w as YamlScalarNode)?.Value ?? throw _source.Error(w, entry.Child(wordClass), "expected a word"))]);
            if (words[^1].Count == 0)
            {
                throw entry.Error(wordClass, "needs at least one word");
            }
        }

        return new TemplatePart(null, attribute, null, wordClass, words);
    }
}
