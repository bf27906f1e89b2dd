using RecForge.Scenarios;

namespace RecForge.Quality;

/// <summary>The listening checks (music): plays within tracks, skip and completion rates, session sizes, distinct songs.</summary>
public static partial class DatasetValidator
{
    // Music: plays within the track, skip and completion rates between the extremes the play model allows, plays per
    // session near the configured mean, and distinct items per listener.
    private static void ListeningChecks(ScenarioDefinition? scenario, DatasetColumns columns, string ev, EventTally events, List<QualityCheck> checks)
    {
        if (events.Plays == 0)
        {
            return;
        }

        checks.Add(Faults($"range.{ev}.{columns.Played}", events.PlayedOutOfRange, $"{events.PlayedOutOfRange.Count:N0} outside", $"0 <= {columns.Played} <= {columns.Duration ?? "duration"}"));
        double skip = (double)events.Skips / events.Plays, complete = (double)events.Completions / events.Plays;
        if (scenario?.Events.Play is { } play)
        {
            // The overall rates are averages of per-play chances, so they lie between the chances' extremes.
            double[] factors = play.UserFactor is { } f
                ? [.. ((CategoryAttribute)scenario.Users.Attributes[f.Slot]).Categories.Select(c => (double)c.Properties[f.Property])]
                : [1.0];
            double skipLo = Math.Min(play.SkipLow, play.SkipHigh) * factors.Min(), skipHi = Math.Min(1, Math.Max(play.SkipLow, play.SkipHigh) * factors.Max());
            // A play's full-play chance is min(1 − its skip chance, the affinity-interpolated chance).
            double completeLo = Math.Min(Math.Min(play.CompleteLow, play.CompleteHigh), 1 - skipHi), completeHi = Math.Max(play.CompleteLow, play.CompleteHigh);
            checks.Add(new QualityCheck("listening.skip_rate", Statistics, skip >= skipLo && skip <= skipHi, Pct(skip), $"[{Pct(skipLo)}, {Pct(skipHi)}]",
                $"plays under {play.SkipSeconds:0.#} s; the chance moves with affinity and user type between these bounds"));
            checks.Add(new QualityCheck("listening.completion_rate", Statistics, complete >= completeLo && complete <= completeHi, Pct(complete), $"[{Pct(completeLo)}, {Pct(completeHi)}]",
                $"plays of at least {100 * play.CompleteFraction:0}% of the track"));
        }
        else
        {
            checks.Add(new QualityCheck("listening.skip_rate", Statistics, null, Pct(skip), null, "plays under 30 s"));
            checks.Add(new QualityCheck("listening.completion_rate", Statistics, null, Pct(complete), null, "plays of at least 80% of the track"));
        }

        if (events.Sessions > 0)
        {
            double perSession = (double)events.Rows / events.Sessions;
            double? target = scenario?.Events.MeanSessionEvents;
            checks.Add(new QualityCheck("listening.events_per_session", Statistics, target is null ? null : Math.Abs(perSession - target.Value) <= 0.25 * target.Value,
                F(perSession, 2), target is null ? null : $"{F(target.Value, 1)} ± 25%", $"{events.Sessions:N0} sessions"));
        }

        checks.Add(new QualityCheck($"listening.{columns.EventItem}_per_user", Statistics, null, F((double)events.UserItems / Math.Max(1, events.UserCount), 1), null,
            $"distinct {columns.EventItem} per listener (of {F((double)events.Rows / Math.Max(1, events.UserCount), 1)} plays)"));
    }
}
