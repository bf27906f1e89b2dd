using RecForge.Text;

namespace RecForge.Core.Tests.Text;

public class CsvRecordsSniffTests
{
    [Theory]
    [InlineData("userId,movieId,rating,timestamp", ',')]
    [InlineData("userId\tmovieId\trating", '\t')]
    [InlineData("userId;movieId;rating", ';')]
    [InlineData("user|item", '|')]
    [InlineData("\"name; with semicolons\",id", ',')] // a delimiter inside quotes does not count
    [InlineData("\"a,b\";\"c,d\";e", ';')]
    [InlineData("single", ',')]
    public void The_delimiter_is_the_most_frequent_candidate_outside_quotes(string header, char expected)
        => Assert.Equal(expected, CsvRecords.SniffDelimiter(header));

    [Fact]
    public void Records_split_at_the_delimiter_given_and_keep_quoted_ones()
    {
        using var reader = new StringReader("a\tb\n\"x\ty\"\tz\n");
        Assert.Equal([["a", "b"], ["x\ty", "z"]], CsvRecords.Stream(reader, '\t'));
    }

    [Fact]
    public void A_quote_inside_an_unquoted_field_is_text()
    {
        using var reader = new StringReader("u1\tJo \"Fuzzy\" Smith\t3\nu2\t\"quoted\ttab\"\t4\n");
        Assert.Equal([["u1", "Jo \"Fuzzy\" Smith", "3"], ["u2", "quoted\ttab", "4"]], CsvRecords.Stream(reader, '\t'));
        using var csv = new StringReader("a,\"b,\"\"c\"\"\",d\n");
        Assert.Equal([["a", "b,\"c\"", "d"]], CsvRecords.Stream(csv));
    }
}
