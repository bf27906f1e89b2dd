using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace RecForge.Scenarios;

/// <summary>
/// A fitted scenario (one with a <c>fit:</c> section) scales as a whole: its activity quantiles are events per user,
/// so overriding <c>users.count</c> alone scales <c>events.count</c> by the same factor (every user keeps the log's
/// activity distribution), and overriding <c>events.count</c> alone scales <c>users.count</c>; both together are taken
/// as given. Other scenarios keep their counts as written.
/// </summary>
internal sealed class TwinScaling
{
    private readonly double _users;
    private readonly double _events;

    private TwinScaling(double users, double events)
    {
        _users = users;
        _events = events;
    }

    /// <summary>The file's own counts, read before any override; null for a scenario that is not a twin.</summary>
    public static TwinScaling? Of(YamlMappingNode root) =>
        root.Children.ContainsKey(new YamlScalarNode("fit"))
            && Section(root, "users") is { } users && Section(root, "events") is { } events
            && Count(users) is > 0 and var u && Count(events) is > 0 and var e
            ? new TwinScaling(u, e) : null;

    /// <summary>Sets the count that was not overridden when exactly one of users and events was.</summary>
    public void Apply(YamlMappingNode root, IReadOnlyList<string> overrides)
    {
        bool usersSet = Overridden(overrides, "users.count"), eventsSet = Overridden(overrides, "events.count");
        if (usersSet == eventsSet || Section(root, "users") is not { } users || Section(root, "events") is not { } events)
        {
            return;
        }

        // A count that does not parse is left for the reader to report against its --set.
        if (usersSet && Count(users) is { } u)
        {
            Set(events, Math.Max(u, Math.Round(u * _events / _users)));
        }
        else if (eventsSet && Count(events) is { } e)
        {
            Set(users, Math.Clamp(Math.Round(e * _users / _events), 1, e));
        }
    }

    private static YamlMappingNode? Section(YamlMappingNode root, string name) =>
        root.Children.TryGetValue(new YamlScalarNode(name), out YamlNode? node) ? node as YamlMappingNode : null;

    private static double? Count(YamlMappingNode section) =>
        section.Children.TryGetValue(new YamlScalarNode("count"), out YamlNode? node) && node is YamlScalarNode { Value: { } text }
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value is > 0 and < 1e18 ? value : null;

    private static void Set(YamlMappingNode section, double count) =>
        section.Children[new YamlScalarNode("count")] = new YamlScalarNode(((long)count).ToString(CultureInfo.InvariantCulture));

    private static bool Overridden(IReadOnlyList<string> overrides, string path)
    {
        foreach (string entry in overrides)
        {
            int eq = entry.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && entry.AsSpan(0, eq).Trim().SequenceEqual(path))
            {
                return true;
            }
        }

        return false;
    }
}
