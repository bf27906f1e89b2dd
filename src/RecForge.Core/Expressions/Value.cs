using System.Globalization;

namespace RecForge.Expressions;

/// <summary>An expression value: a number or a text. A small struct so evaluation allocates nothing for numbers.</summary>
public readonly record struct Value(double Number, string? Text)
{
    /// <summary>Whether this value is text.</summary>
    public bool IsText => Text is not null;

    /// <summary>A number value.</summary>
    public static Value Of(double number) => new(number, null);

    /// <summary>A text value.</summary>
    public static Value Of(string text) => new(double.NaN, text);

    /// <summary>Truthiness: non-zero numbers and non-empty texts.</summary>
    public bool AsBool => IsText ? Text!.Length > 0 : Number != 0 && !double.IsNaN(Number);

    /// <summary>The value as text (numbers in invariant round-trip form).</summary>
    public override string ToString() => Text ?? Number.ToString("R", CultureInfo.InvariantCulture);
}
