using RecForge.Fit;

namespace RecForge.Core.Tests.Fit;

public class PrivacyTests
{
    [Fact]
    public void The_budget_converts_epsilon_delta_to_rho_and_scales_the_noise_to_the_sensitivity()
    {
        // ε = 1, δ = 1e-6: ρ = (√(1 + ln 1e6) − √(ln 1e6))² = (3.84909 − 3.71693)² ≈ 0.017469.
        var budget = new PrivacyBudget(1, 1e-6, noiseSeed: 3);
        Assert.Equal(Math.Pow(Math.Sqrt(1 + Math.Log(1e6)) - Math.Sqrt(Math.Log(1e6)), 2), budget.Rho, 12);
        Assert.Equal(0.017469, budget.Rho, 5);

        // Converting back: ρ + 2√(ρ ln 1/δ) = ε.
        Assert.Equal(1, budget.Rho + 2 * Math.Sqrt(budget.Rho * Math.Log(1e6)), 9);

        // σ = Δ / √(2 ρ share); the noise of 40,000 draws has that standard deviation (± 2%: the sample sd's error is σ/√(2n) ≈ 0.35%).
        var values = new double[40_000];
        budget.Perturb("test", values, 0.5, 2);
        double sigma = 2 / Math.Sqrt(2 * budget.Rho * 0.5);
        Assert.Equal(sigma, budget.Spent[0].Sigma, 9);
        double sd = Math.Sqrt(values.Select(v => v * v).Average());
        Assert.Equal(sigma, sd, sigma * 0.02);
        Assert.Equal(0.5, budget.Remaining, 12);
        Assert.Throws<InvalidOperationException>(() => budget.Perturb("too much", 0.0, 0.6, 1));
    }

    [Fact]
    public void Unseeded_noise_differs_between_budgets_and_seeded_noise_repeats()
    {
        double a = new PrivacyBudget(1, 1e-6).Perturb("x", 0.0, 1, 1), b = new PrivacyBudget(1, 1e-6).Perturb("x", 0.0, 1, 1);
        Assert.NotEqual(a, b);
        Assert.Equal(new PrivacyBudget(1, 1e-6, 5).Perturb("x", 0.0, 1, 1), new PrivacyBudget(1, 1e-6, 5).Perturb("x", 0.0, 1, 1));
        Assert.False(new PrivacyBudget(1, 1e-6).Seeded);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PrivacyBudget(0, 1e-6));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PrivacyBudget(1, 1));
    }

    [Fact]
    public void The_default_shares_spend_the_whole_budget()
    {
        PrivacyShares s = PrivacyShares.Default;
        Assert.Equal(1, s.Counts + s.Activity + s.Ratings + s.Time + s.Sessions + s.Genres + s.Popularity + s.Factors + s.Clusters + s.RatingModel, 9);
    }
}
