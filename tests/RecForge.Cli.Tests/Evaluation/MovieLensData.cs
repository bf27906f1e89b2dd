namespace RecForge.Cli.Tests.Evaluation;

/// <summary>
/// MovieLens latest-small (GroupLens; its README with the licence sits beside the copy): the repository's copy under
/// tests/data, found by walking up from the test binaries, so a clean clone needs nothing outside it.
/// </summary>
internal static class MovieLensData
{
    public static string Directory { get; } = Find();

    private static string Find()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "tests", "data", "movielens-latest-small");
            if (File.Exists(Path.Combine(candidate, "ratings.csv")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("tests/data/movielens-latest-small/ratings.csv not found above " + AppContext.BaseDirectory);
    }
}
