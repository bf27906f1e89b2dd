using RecForge.Expressions;

namespace RecForge.Core.Tests.Expressions;

public class ExpressionParserTests
{
    private sealed class Row(Value[] values, Dictionary<string, Value> properties) : IExpressionScope
    {
        public Value Get(int slot) => values[slot];

        public Value GetProperty(int slot, string property) => properties[$"{slot}.{property}"];
    }

    private static readonly string[] Names = ["year", "mood", "city"];

    private static Value Eval(string text)
    {
        var row = new Row([Value.Of(1975), Value.Of("Tense"), Value.Of("Paris")], new() { ["2.utc_offset"] = Value.Of(1) });
        ExpressionNode node = ExpressionParser.Parse(text, (name, property) =>
        {
            int slot = Array.IndexOf(Names, name);
            return slot >= 0 ? new ReferenceNode(slot, property, slot == 1) : throw new ExpressionException($"unknown '{name}'", 0);
        });
        return node.Evaluate(row);
    }

    [Theory]
    [InlineData("1 + 2 * 3", 7)]
    [InlineData("(1 + 2) * 3", 9)]
    [InlineData("2 ^ 3 ^ 2", 512)]
    [InlineData("-2 ^ 2", 4)]
    [InlineData("10 % 4", 2)]
    [InlineData("year - 1900", 75)]
    [InlineData("city.utc_offset * 60", 60)]
    [InlineData("clamp(year, 1980, 1990)", 1980)]
    [InlineData("round(2.5)", 3)]
    [InlineData("round(3.14159, 2)", 3.14)]
    [InlineData("max(1, 2) + min(1, 2)", 3)]
    [InlineData("year < 1980 and not (year < 1970)", 1)]
    [InlineData("mood == 'Tense' or false", 1)]
    [InlineData("if(year >= 1960, 1, 0)", 1)]
    [InlineData("1e3 + sqrt(16)", 1004)]
    public void Evaluates_numbers(string text, double expected) => Assert.Equal(expected, Eval(text).Number, 9);

    [Theory]
    [InlineData("if(year < 1960, \"Classic\", \"Golden Age\")", "Golden Age")]
    [InlineData("concat(mood, \"-\", year)", "Tense-1975")]
    [InlineData("mood + '!'", "Tense!")]
    public void Evaluates_texts(string text, string expected) => Assert.Equal(expected, Eval(text).Text);

    [Theory]
    [InlineData("1 +", "ends too early")]
    [InlineData("foo(1)", "unknown function 'foo'")]
    [InlineData("if(1, 2)", "if() takes 3 arguments")]
    [InlineData("(1 + 2", "expected ')'")]
    [InlineData("1 2", "unexpected '2' at position 3")]
    [InlineData("'open", "unterminated text")]
    [InlineData("nobody + 1", "unknown 'nobody'")]
    public void Reports_errors_with_a_reason(string text, string message)
    {
        var e = Assert.Throws<ExpressionException>(() => Eval(text));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
