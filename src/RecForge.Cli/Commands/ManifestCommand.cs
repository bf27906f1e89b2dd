using System.CommandLine;
using System.Text.RegularExpressions;
using RecForge.Output;

namespace RecForge.Cli.Commands;

/// <summary><c>recforge manifest merge DIR</c>: joins the shard manifests of a sharded run into <c>_manifest.json</c>.</summary>
internal static partial class ManifestCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var directory = new Argument<string>("directory") { Description = "The output directory all shards wrote to." };
        var merge = new Command("merge", "Join _manifest.shard-i-of-n.json files into _manifest.json (identical to a single-process run's).") { directory };
        merge.SetAction(parse => Merge(parse.GetValue(directory)!, stdout, stderr));
        return new Command("manifest", "Work with dataset manifests.") { merge };
    }

    private static int Merge(string directory, TextWriter stdout, TextWriter stderr)
    {
        if (!Directory.Exists(directory))
        {
            stderr.WriteLine($"error: {directory}: no such directory");
            return ExitCodes.BadInput;
        }

        var shards = Directory.GetFiles(directory, "_manifest.shard-*-of-*.json")
            .Select(f => (File: Path.GetFileName(f), Match: ShardName().Match(Path.GetFileName(f))))
            .Where(s => s.Match.Success)
            .Select(s => (s.File, Index: int.Parse(s.Match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Count: int.Parse(s.Match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        if (shards.Count == 0)
        {
            stderr.WriteLine($"error: {directory}: no shard manifests (_manifest.shard-i-of-n.json) to merge");
            return ExitCodes.BadInput;
        }

        int count = shards[0].Count;
        int[] missing = [.. Enumerable.Range(0, count).Where(i => !shards.Any(s => s.Index == i && s.Count == count))];
        if (missing.Length > 0 || shards.Any(s => s.Count != count))
        {
            stderr.WriteLine($"error: {directory}: shards of {count} expected; missing shard(s) {string.Join(", ", missing)} (or manifests of another shard count are mixed in)");
            return ExitCodes.BadInput;
        }

        try
        {
            Manifest merged = Manifest.Merge([.. shards.OrderBy(s => s.Index).Select(s => Manifest.Load(directory, s.File))]);
            merged.Save(directory);
            stdout.WriteLine($"merged {count} shards: {string.Join(", ", merged.Tables.Select(t => $"{t.Name} {t.Rows:N0} rows in {t.Files.Count} files"))} -> {Manifest.FileName}");
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException)
        {
            stderr.WriteLine($"error: {directory}: {e.Message}");
            return ExitCodes.BadInput;
        }
    }

    [GeneratedRegex(@"^_manifest\.shard-(\d+)-of-(\d+)\.json$")]
    private static partial Regex ShardName();
}
