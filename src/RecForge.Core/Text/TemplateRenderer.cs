using System.Globalization;
using System.Text;
using RecForge.Randomness;
using RecForge.Scenarios;

namespace RecForge.Text;

/// <summary>Renders a <see cref="TextAttribute"/>: picks a template, fills each placeholder from the row and the vocabularies.</summary>
internal sealed class TemplateRenderer
{
    private readonly StringBuilder _text = new(256);

    /// <summary>Renders text for a row.</summary>
    public string Render(TextAttribute attribute, ref Rng rng, IRowValues row)
    {
        TextTemplate template = attribute.Templates[rng.NextInt32(attribute.Templates.Count)];
        _text.Clear();
        // Index loops over the read-only lists: a foreach would box their enumerator on every row.
        for (int p = 0; p < template.Parts.Count; p++)
        {
            TemplatePart part = template.Parts[p];
            if (part.Literal is not null)
            {
                _text.Append(part.Literal);
            }
            else
            {
                int start = _text.Length;
                if (part.Words is not null)
                {
                    IReadOnlyList<string> words = part.Words[row.CategoryOf(part.Attribute!.Slot)];
                    _text.Append(words[rng.NextInt32(words.Count)]);
                }
                else
                {
                    string value = row.TextOf(part.Plain!.Slot);
                    int last = value.LastIndexOf(" > ", StringComparison.Ordinal);
                    _text.Append(last >= 0 ? value.AsSpan(last + 3) : value);
                }

                if (part.Lower)
                {
                    for (int i = start; i < _text.Length; i++)
                    {
                        _text[i] = char.ToLowerInvariant(_text[i]);
                    }
                }
            }
        }

        if (_text.Length > 0)
        {
            _text[0] = char.ToUpper(_text[0], CultureInfo.InvariantCulture);
        }

        return ArticleAgreement.Apply(_text.ToString());
    }
}
