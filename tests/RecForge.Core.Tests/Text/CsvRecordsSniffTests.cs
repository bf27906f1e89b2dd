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
}
