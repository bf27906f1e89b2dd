using RecForge.Fit;

namespace RecForge.Core.Tests.Fit;

/// <summary>The activity exponent γ of planted picks, fitted so their holders are as active as the log's.</summary>
public class PlantingExponentTests
{
    // 20 heavy users (200 events) and 180 light ones (20 events); items 0–199 are shared (every user holds the first
    // ones), items 200–299 have one user each, `heavySingles` of them held by heavy users. Every user and item sits at
    // the same position, so affinity is equal and a holder is drawn ∝ events^γ alone: the heavy share is
    // 20 · 200^γ / (20 · 200^γ + 180 · 20^γ).
    private static double Fit(int heavySingles)
    {
        var singles = Enumerable.Range(0, 200).Select(_ => new List<int>()).ToArray();
        for (int s = 0; s < 100; s++)
        {
            singles[s < heavySingles ? s % 20 : 20 + (s % 180)].Add(200 + s);
        }

        int[][] histories = [.. Enumerable.Range(0, 200).Select(u => singles[u].Concat(Enumerable.Range(0, (u < 20 ? 200 : 20) - singles[u].Count)).ToArray())];
        float[] positions = [.. Enumerable.Range(0, 300).SelectMany(_ => new float[] { 1, 0 })];
        var users = Enumerable.Range(0, 200).Select(_ => new SimulatedUser([[1f, 0f]], [1.0])).ToList();
        double[] activity = [.. histories.Select(h => (double)h.Length)];
        return PlantingExponent.Fit(histories, 300, positions, 2, users, activity, 36, 0.5);
    }

    [Fact]
    public void Gamma_matches_how_much_of_the_tail_the_most_active_users_hold()
    {
        // 80 of 100 singles with heavy users: 10^γ = 0.8 · 180 / (0.2 · 20) = 36, γ = log10 36 ≈ 1.556.
        // 10 of 100 (their share of users): 10^γ = 1, γ = 0.
        // Bisection to 2^-30 of the interval, rounded to 3 decimals.
        Assert.Equal(Math.Log10(36), Fit(80), 2);
        Assert.Equal(0, Fit(10), 2);
    }

    [Fact]
    public void A_log_with_few_items_of_one_user_keeps_gamma_at_one()
    {
        int[][] histories = [.. Enumerable.Range(0, 50).Select(_ => Enumerable.Range(0, 10).ToArray())];
        var users = Enumerable.Range(0, 50).Select(_ => new SimulatedUser([[1f, 0f]], [1.0])).ToList();
        Assert.Equal(1, PlantingExponent.Fit(histories, 10, new float[20], 2, users, [.. histories.Select(h => (double)h.Length)], 36, 0.5));
    }
}
