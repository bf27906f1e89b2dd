using System.Text;
using RecForge.Reading;

namespace RecForge.Core.Tests.Quality;

public sealed class JsonRowScannerTests
{
    private static string[] Scan(string json, string? array)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return [.. JsonRowScanner.Rows(stream, array).Select(r => Encoding.UTF8.GetString(r.Span))];
    }

    [Fact]
    public void Document_rows_are_the_objects_of_the_named_array_only()
    {
        // Braces, brackets and quotes inside strings, a nested object in a row, and other arrays before and after.
        string json = """{"metadata":{"rows":[{"x":1}]},"users":[{"a":"}{[\"","b":{"c":[1,2]}},{"a":"x"}],"statistics":{"s":[{"y":2}]}}""";
        Assert.Equal(["""{"a":"}{[\"","b":{"c":[1,2]}}""", """{"a":"x"}"""], Scan(json, "users"));
        Assert.Empty(Scan(json, "items"));
    }

    [Fact]
    public void Json_lines_rows_are_every_top_level_object_even_across_read_chunks()
    {
        // Rows longer than the 64 KiB read buffer cross chunk boundaries.
        string big = new('z', 100_000);
        string[] rows = Scan("{\"a\":1}\n{\"b\":\"" + big + "\"}\n{\"c\":\"\\\\\"}\n", null);
        Assert.Equal(["{\"a\":1}", "{\"b\":\"" + big + "\"}", "{\"c\":\"\\\\\"}"], rows);
    }

    [Fact]
    public void A_truncated_file_is_invalid_data()
        => Assert.Throws<InvalidDataException>(() => Scan("{\"a\":1}\n{\"b\":[1,", null));
}
