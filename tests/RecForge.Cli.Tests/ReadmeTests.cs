using System.Text;
using System.Text.RegularExpressions;

namespace RecForge.Cli.Tests;

/// <summary>
/// Issue 16: the README's examples run as written. Every <c>recforge</c> command of its bash blocks that needs no
/// server runs in a scratch copy of the repository layout, in order (later ones read what earlier ones wrote), and
/// every YAML scenario block generates. Commands for servers (Kafka, PostgreSQL, Milvus) have their own tests.
/// </summary>
public sealed partial class ReadmeTests(ITestOutputHelper output) : IDisposable
{
    // Commands that talk to a server, and the one run too long for a test (a billion rows; its --dry-run twin runs).
    private static readonly string[] NeedsServer = ["stream", "load", "search"];

    private readonly string _root = Cli.TempDirectory();

    [Fact]
    public void Every_command_of_the_readme_that_needs_no_server_runs_as_written()
    {
        string repo = FuzzTests.RepoRoot();
        string work = Path.Combine(_root, "repo");
        Directory.CreateDirectory(work);
        Directory.CreateSymbolicLink(Path.Combine(work, "tests"), Path.Combine(repo, "tests"));
        Directory.CreateSymbolicLink(Path.Combine(work, "scenarios"), Path.Combine(repo, "scenarios"));
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        int ran = 0;
        foreach (string command in Commands(File.ReadAllText(Path.Combine(repo, "README.md"))))
        {
            if (Assignment().Match(command) is { Success: true } assignment)
            {
                variables[assignment.Groups[1].Value] = assignment.Groups[2].Value;
                continue;
            }

            string[] words = [.. Split(Variable().Replace(command, m => variables.GetValueOrDefault(m.Groups[1].Value, m.Value)))];
            if (words[0] == "dotnet" && Array.IndexOf(words, "--") is > 0 and var dashes)
            {
                // `dotnet run --project src/RecForge.Cli -c Release -- generate …` is `recforge generate …`.
                words = ["recforge", .. words[(dashes + 1)..]];
            }

            if (words.Length > 1 && words[1] == "cluster")
            {
                // k chosen by silhouette over a range takes a minute or more; ClusterCommandTests and MediaClusterTests run it.
                output.WriteLine($"skipped (minutes; covered by the cluster tests): {command}");
                continue;
            }

            if (words[0] != "recforge" || words.Contains("<scenario>") || NeedsServer.Contains(words[1])
                || (words.Contains("--interactions") && !words.Contains("--dry-run") && long.Parse(words[Array.IndexOf(words, "--interactions") + 1], System.Globalization.CultureInfo.InvariantCulture) > 10_000_000))
            {
                output.WriteLine($"skipped: {command}");
                continue;
            }

            // Relative paths are the README's: run from the scratch repository folder.
            string[] args = [.. words.Skip(1).Select(w => w.StartsWith("out/", StringComparison.Ordinal) || w.StartsWith("tests/", StringComparison.Ordinal) || w.StartsWith("../", StringComparison.Ordinal) || w.StartsWith("twin.", StringComparison.Ordinal) || w.StartsWith("eval.", StringComparison.Ordinal) ? Path.Combine(work, w) : w)];
            var (code, stdout, error) = Cli.Run(args);
            output.WriteLine($"{code}: {command}");
            bool validateMayFail = words[1] == "validate";
            Assert.True(code == 0 || (validateMayFail && code == 1), $"`{command}` exited {code}: {error}\n{stdout}");
            ran++;
        }

        Assert.True(ran >= 10, $"only {ran} README commands ran");
    }

    [Fact]
    public void Every_scenario_yaml_block_of_the_readme_generates()
    {
        string readme = File.ReadAllText(Path.Combine(FuzzTests.RepoRoot(), "README.md"));
        var blocks = YamlBlock().Matches(readme).Select(m => m.Groups[1].Value).Where(b => b.StartsWith("name:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(blocks);
        foreach (string block in blocks)
        {
            string file = Path.Combine(_root, "scenario.yaml");
            File.WriteAllText(file, block);
            var (code, _, error) = Cli.Run("generate", file, "--out", Path.Combine(_root, "scenario"));
            Assert.True(code == 0, $"README scenario fails: {error}\n{block}");
        }
    }

    // The commands of the ```bash blocks: comments dropped, backslash continuations joined.
    private static IEnumerable<string> Commands(string readme)
    {
        foreach (Match block in BashBlock().Matches(readme))
        {
            var pending = new StringBuilder();
            foreach (string raw in block.Groups[1].Value.Split('\n'))
            {
                string line = CommentOf(raw).Trim();
                if (line.EndsWith('\\'))
                {
                    pending.Append(line[..^1]).Append(' ');
                    continue;
                }

                pending.Append(line);
                string command = pending.ToString().Trim();
                pending.Clear();
                if (command.Length > 0)
                {
                    yield return command;
                }
            }
        }
    }

    // Everything before an unquoted " #".
    private static string CommentOf(string line)
    {
        bool single = false, dbl = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            single ^= c == '\'' && !dbl;
            dbl ^= c == '"' && !single;
            if (c == '#' && !single && !dbl && (i == 0 || line[i - 1] == ' '))
            {
                return line[..i];
            }
        }

        return line;
    }

    // Shell words: spaces separate, quotes group.
    private static IEnumerable<string> Split(string command)
    {
        var word = new StringBuilder();
        char quote = '\0';
        bool any = false;
        foreach (char c in command)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                any = true;
            }
            else if (c == ' ')
            {
                if (any || word.Length > 0)
                {
                    yield return word.ToString();
                }

                word.Clear();
                any = false;
            }
            else
            {
                word.Append(c);
            }
        }

        if (any || word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [GeneratedRegex(@"```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();

    [GeneratedRegex(@"```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    [GeneratedRegex(@"^([A-Z_]+)=(\S+)$")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"\$([A-Z_]+)")]
    private static partial Regex Variable();
}
