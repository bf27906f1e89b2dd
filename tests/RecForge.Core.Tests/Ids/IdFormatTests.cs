using RecForge.Ids;

namespace RecForge.Core.Tests.Ids;

public class IdFormatTests
{
    [Theory]
    [InlineData("user_{n}", 0, "user_1")]
    [InlineData("user_{n}", 41, "user_42")]
    [InlineData("U{0000}", 0, "U0001")]
    [InlineData("T{00000}", 122, "T00123")]
    [InlineData("A{0000}", 12344, "A12345")]
    public void Patterns_format_one_based_numbers(string pattern, long index, string expected)
        => Assert.Equal(expected, IdFormat.Parse(pattern).Format(index));

    [Theory]
    [InlineData("user")]
    [InlineData("user_{x}")]
    [InlineData("{n}_{n}")]
    public void Bad_patterns_are_rejected_with_an_explanation(string pattern)
    {
        var e = Assert.Throws<FormatException>(() => IdFormat.Parse(pattern));
        Assert.Contains("{", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Uuids_are_deterministic_version_8_and_distinct()
    {
        Guid a = IdFormat.MakeUuid(42, 1, 0);
        Assert.Equal(a, IdFormat.MakeUuid(42, 1, 0));
        Assert.NotEqual(a, IdFormat.MakeUuid(42, 1, 1));
        Assert.NotEqual(a, IdFormat.MakeUuid(43, 1, 0));
        Assert.Equal('8', a.ToString()[14]);
        Assert.Contains(a.ToString()[19], "89ab");
        var many = Enumerable.Range(0, 100_000).Select(i => IdFormat.MakeUuid(42, 1, i)).ToHashSet();
        Assert.Equal(100_000, many.Count);
    }
}
