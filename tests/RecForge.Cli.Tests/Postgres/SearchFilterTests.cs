using NpgsqlTypes;
using RecForge.Connectors.Postgres.Search;

namespace RecForge.Cli.Tests.Postgres;

/// <summary>The --where language: values become parameters, columns are checked, anything else is refused.</summary>
public sealed class SearchFilterTests
{
    private static readonly Dictionary<string, string> Columns = new()
    {
        ["release_year"] = "bigint",
        ["popularity"] = "double precision",
        ["genre"] = "text",
        ["cultural_context"] = "jsonb",
        ["user_id"] = "uuid",
    };

    [Fact]
    public void Comparisons_become_parameterised_sql()
    {
        SearchFilter filter = SearchFilter.Parse("release_year >= 2020 and (popularity > 0.5 or not genre like 'Drama%')", Columns, 4);
        Assert.Equal("\"release_year\" >= $4 AND (\"popularity\" > $5 OR NOT \"genre\" LIKE $6)", filter.Sql);
        Assert.Equal([(2020.0, NpgsqlDbType.Double), (0.5, NpgsqlDbType.Double), ("Drama%", NpgsqlDbType.Text)], filter.Parameters.Select(p => (p.Value, p.Type)));
    }

    [Fact]
    public void Json_keys_and_in_lists_are_parameters_too()
    {
        SearchFilter filter = SearchFilter.Parse("cultural_context.language in (\"French\", 'Arabic') and genre != 'Horror'", Columns, 1);
        Assert.Equal("(\"cultural_context\" ->> $1) IN ($2, $3) AND \"genre\" <> $4", filter.Sql);
        Assert.Equal(["language", "French", "Arabic", "Horror"], filter.Parameters.Select(p => p.Value));

        SearchFilter numeric = SearchFilter.Parse("cultural_context.year < 1990", Columns, 1);
        Assert.Equal("(\"cultural_context\" ->> $1)::double precision < $2", numeric.Sql);
    }

    [Theory]
    [InlineData("year > 1", "at character 1: unknown column 'year'")]
    [InlineData("genre = 'x'; DROP TABLE media", "at character 12: unexpected '; DROP TABLE media'")]
    [InlineData("genre = 1", "'genre' is text; number 1 does not compare with it")]
    [InlineData("popularity > 'high'", "'popularity' is double precision; text 'high' does not compare with it")]
    [InlineData("popularity like '1%'", "like needs a text column")]
    [InlineData("genre = 'open", "unterminated string")]
    [InlineData("release_year.x = 1", "'release_year' is bigint; only JSONB columns have keys")]
    [InlineData("genre = \"a\" or", "expected a column name")]
    [InlineData("user_id = 'not-a-uuid'", "'user_id' is uuid")]
    public void Malformed_filters_are_refused_with_the_place(string where, string message)
    {
        var e = Assert.Throws<FormatException>(() => SearchFilter.Parse(where, Columns, 1));
        Assert.StartsWith("--where, at character ", e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
