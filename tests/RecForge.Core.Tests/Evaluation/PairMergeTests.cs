using RecForge.Evaluation;

namespace RecForge.Core.Tests.Evaluation;

public class PairMergeTests
{
    private static readonly List<LogEvent> Log =
    [
        new("a", "x", 3, 50),
        new("b", "y", 1, 10),
        new("a", "x", 4, 20), // earlier than a's first row of x
        new("a", "z", 2, 30),
        new("a", "x", 5, 90),
    ];

    [Fact]
    public void Each_pair_becomes_one_event_at_its_earliest_time_in_the_order_pairs_first_appear()
    {
        List<LogEvent> first = PairMerge.Apply(Log, RepeatedPairs.First, out long repeated);
        Assert.Equal(2, repeated);
        Assert.Equal([new("a", "x", 4, 20), new("b", "y", 1, 10), new("a", "z", 2, 30)], first);

        List<LogEvent> count = PairMerge.Apply(Log, RepeatedPairs.Count, out _);
        Assert.Equal([new("a", "x", 3, 20), new("b", "y", 1, 10), new("a", "z", 1, 30)], count);

        List<LogEvent> sum = PairMerge.Apply(Log, RepeatedPairs.Sum, out _);
        Assert.Equal([new("a", "x", 12, 20), new("b", "y", 1, 10), new("a", "z", 2, 30)], sum);
    }

    [Fact]
    public void A_log_without_repeats_is_left_as_it_is_except_that_counting_weighs_every_pair_one()
    {
        List<LogEvent> log = [new("a", "x", double.NaN, 1), new("a", "y", double.NaN, 2)];
        Assert.Same(log, PairMerge.Apply(log, RepeatedPairs.First, out long repeated));
        Assert.Equal(0, repeated);
        Assert.All(PairMerge.Apply(log, RepeatedPairs.Count, out _), e => Assert.Equal(1.0, e.Rating));
    }
}
