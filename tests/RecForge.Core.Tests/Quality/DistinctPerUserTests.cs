using RecForge.Quality;
using RecForge.Randomness;

namespace RecForge.Core.Tests.Quality;

public class DistinctPerUserTests
{
    [Theory]
    [InlineData(1.0)]   // every row of a user together, as generate writes them
    [InlineData(0.9)]   // runs broken now and then: a user comes back later
    [InlineData(0.0)]   // rows in any order
    public void Counts_distinct_pairs_exactly_whatever_the_row_order(double stay)
    {
        // Given rows of 300 users, one of them heavy (20,000 rows: a run bigger than the reused set), with repeats
        var rng = new Rng(11);
        var rows = new List<(int User, long Value)>();
        for (int user = 0; user < 300; user++)
        {
            int n = user == 7 ? 20_000 : 1 + (int)rng.NextInt64(60);
            for (int i = 0; i < n; i++)
            {
                rows.Add((user, rng.NextInt64(user == 7 ? 30_000 : 40)));
            }
        }

        // When the order is shuffled so that a row leaves its user's run with probability 1 − stay
        for (int i = 1; i < rows.Count; i++)
        {
            if (rng.NextDouble() >= stay)
            {
                int j = (int)rng.NextInt64(i + 1);
                (rows[i], rows[j]) = (rows[j], rows[i]);
            }
        }

        var counter = new DistinctPerUser();
        foreach (var (user, value) in rows)
        {
            counter.Add(user, value);
        }

        // Then the count is the number of distinct (user, value) pairs
        Assert.Equal(rows.Distinct().Count(), counter.Count);
    }
}
