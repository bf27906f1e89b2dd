namespace RecForge.Cli.Tests;

/// <summary><c>recforge cluster</c> on MovieLens (movies.csv with tags.csv beside it): labels that describe the films.</summary>
public sealed class ClusterCommandTests
{
    // The real MovieLens latest-small sits beside the repository on the development machines; elsewhere a small file of
    // the same shape (films of three genre families, with tags) stands in.
    private static readonly string Shared = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/datasets/movielens-latest-small/movies.csv"));

    [Fact]
    public void Movielens_clusters_are_named_with_words_of_their_films_genres_and_tags()
    {
        string movies = File.Exists(Shared) ? Shared : StandIn();
        int expected = File.Exists(Shared) ? 9_742 : 90;
        string output = Path.Combine(Cli.TempDirectory(), "clusters.parquet");
        var (code, stdout, error) = Cli.Run("cluster", movies, "--out", output, "--k", "40", "--seed", "7");
        Assert.True(code == 0, error);
        Assert.Contains($"movies.csv (hashed-encoded title, genres + tags.csv): {expected:N0} items -> 40 clusters", stdout, StringComparison.Ordinal);

        var table = new ParquetTable(Path.GetDirectoryName(output)!);
        long[] ids = table.Column<long>("item_id"); // movieId is an integer: the output joins with movies.csv without a cast
        string[] labels = table.Column<string>("label");
        Assert.Equal(expected, ids.Length);

        // Toy Story (1): Adventure|Animation|Children|Comedy|Fantasy, tagged pixar, fun. Saw (8957): Horror|Mystery|Thriller.
        string toyStory = labels[Array.IndexOf(ids, 1L)], saw = labels[Array.IndexOf(ids, 8957L)];
        string[] toyWords = ["adventure", "animation", "children", "comedy", "fantasy", "pixar", "fun"];
        string[] sawWords = ["horror", "mystery", "thriller", "gore", "torture", "twist"];
        Assert.True(toyWords.Any(w => toyStory.Contains(w, StringComparison.Ordinal)), toyStory);
        Assert.True(sawWords.Any(w => saw.Contains(w, StringComparison.Ordinal)), saw);

        // Same seed, same clusters.
        string again = Path.Combine(Cli.TempDirectory(), "clusters.parquet");
        Assert.Equal(0, Cli.Run("cluster", movies, "--out", again, "--k", "40", "--seed", "7").ExitCode);
        Assert.Equal(table.Column<long>("cluster"), new ParquetTable(Path.GetDirectoryName(again)!).Column<long>("cluster"));
    }

    private static string StandIn()
    {
        string folder = Cli.TempDirectory();
        var movies = new List<string> { "movieId,title,genres", "1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy", "8957,Saw (2004),Horror|Mystery|Thriller" };
        var tags = new List<string> { "userId,movieId,tag,timestamp", "1,1,pixar,1", "1,1,fun,1", "1,8957,gore,1", "1,8957,torture,1" };
        string[][] families =
        [
            ["Adventure|Animation|Children|Comedy", "pixar", "Toy", "Dragon", "Kingdom", "Robot", "Quest", "Friends"],
            ["Horror|Mystery|Thriller", "gore", "Curse", "Cellar", "Ritual", "Hollow", "Haunting", "Outbreak"],
            ["Drama|Romance", "love", "Letters", "Summer", "Promise", "Waltz", "Proposal", "Heartstrings"],
        ];
        for (int i = 0; i < 88; i++)
        {
            string[] f = families[i % 3];
            int id = 100 + i;
            movies.Add($"{id},\"{f[2 + (i % 6)]}, Part {i} (20{i % 20:D2})\",{f[0]}");
            tags.Add($"2,{id},{f[1]},1");
        }

        File.WriteAllLines(Path.Combine(folder, "movies.csv"), movies);
        File.WriteAllLines(Path.Combine(folder, "tags.csv"), tags);
        return Path.Combine(folder, "movies.csv");
    }
}
