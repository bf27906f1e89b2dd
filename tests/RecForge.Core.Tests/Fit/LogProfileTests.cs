using RecForge.Evaluation;
using RecForge.Fit;

namespace RecForge.Core.Tests.Fit;

public class LogProfileTests
{
    // 80 users with 10, 20 or 30 ratings (u mod 3) in one session of 60 s gaps, starting at hour u mod 24 of day u; ratings 1–5 in turn.
    private static InteractionLog Log()
    {
        var events = new List<LogEvent>();
        long start = (long)(new DateTime(2020, 3, 2, 0, 0, 0, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalSeconds;
        for (int u = 0; u < 80; u++)
        {
            for (int k = 0; k < 10 + 10 * (u % 3); k++)
            {
                events.Add(new LogEvent($"u{u}", $"i{(u + k) % 50}", 1 + (u + k) % 5, start + u * 86_400L + (u % 24) * 3600L + k * 60L));
            }
        }

        return InteractionLog.Build(events, new ItemIndex());
    }

    [Fact]
    public void Without_noise_the_profile_is_the_logs_own()
    {
        LogProfile p = LogProfile.Learn(Log());
        // 27 users × 10 + 27 × 20 + 26 × 30 = 1,590 ratings.
        Assert.Equal((80, 50, 1_590L), (p.Users, p.Items, p.Events));
        Assert.All(p.GapQuantiles, g => Assert.Equal(60, g));
        Assert.Equal(1_590 / 80.0, p.MeanSessionEvents, 12);
        Assert.Equal((10, 20, 30), (p.ActivityQuantiles[0], p.ActivityQuantiles[50], p.ActivityQuantiles[^1]));
        Assert.Equal(0.2, p.Ratings[3.0], 12);

        // Hour 0 holds users 0, 24, 48 and 72 (all with 10 ratings, 9 minutes long): 40 of 1,590.
        Assert.Equal(40 / 1_590.0, p.Hours[0], 12);
        Assert.Equal(1.0, p.Weekdays.Sum(), 12);
        Assert.Equal(new DateOnly(2020, 3, 2), p.Start);
    }

    [Fact]
    public void With_a_budget_every_released_statistic_carries_noise()
    {
        // ε = 5: the activity histogram's σ is 5.7, so its three bins (26–27 users) clear the 3σ threshold.
        LogProfile Private(ulong seed) => LogProfile.Learn(Log(), privacy: new PrivacyBudget(5, 1e-6, seed));
        LogProfile a = Private(1), b = Private(2);

        // Two noise draws of the same log differ in every statistic learned from users.
        Assert.NotEqual(a.Users, b.Users);
        Assert.NotEqual(a.ActivityQuantiles, b.ActivityQuantiles);
        Assert.NotEqual(a.Hours, b.Hours);
        Assert.NotEqual(a.Weekdays, b.Weekdays);
        Assert.NotEqual(a.Months, b.Months);
        Assert.NotEqual(a.GapQuantiles, b.GapQuantiles);
        Assert.NotEqual(a.SpanQuantiles, b.SpanQuantiles);
        Assert.NotEqual(a.Ratings.OrderBy(r => r.Key).Select(r => r.Value), b.Ratings.OrderBy(r => r.Key).Select(r => r.Value));

        // What no release covers is not reported.
        Assert.Equal(0, a.Items);
        Assert.True(double.IsNaN(a.PopularityExponent));

        // With almost no noise (ε = 10⁹) the released histograms are the per-user ones: each user's events weigh 1 in total.
        LogProfile exact = LogProfile.Learn(Log(), privacy: new PrivacyBudget(1e9, 1e-6, 3));
        Assert.Equal(80, exact.Users);
        Assert.Equal(4 / 80.0, exact.Hours[0], 4);
        Assert.Equal(0.2, exact.Ratings[3.0], 4);
    }
}
