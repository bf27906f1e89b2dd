namespace RecForge.Cli.Tests;

/// <summary>Bad input gets one line on stderr, exit code 2, and no file under a final name.</summary>
public sealed class CliErrorTests : IDisposable
{
    private readonly string _root = Cli.TempDirectory();

    private (int Code, string Error) Fails(params string[] args)
    {
        var (code, stdout, error) = Cli.Run(args);
        Assert.Equal(2, code);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Equal("", stdout);
        return (code, error.TrimEnd('\n'));
    }

    private void NoFinalFiles(string dir)
    {
        if (Directory.Exists(dir))
        {
            Assert.Empty(Directory.GetFiles(dir, "*", SearchOption.AllDirectories));
        }
    }

    [Fact]
    public void A_scenario_with_an_unknown_field_names_file_line_and_field()
    {
        // Given the media scenario with a misspelt field added under world:
        string[] lines = RecForge.Scenarios.BuiltInScenarios.Text("media")!.Split('\n');
        int at = Array.FindIndex(lines, l => l.StartsWith("  latent_dimensions:", StringComparison.Ordinal)) + 1;
        string yaml = Path.Combine(_root, "bad.yaml");
        File.WriteAllLines(yaml, [.. lines[..at], "  colour: red", .. lines[at..]]);
        string output = Path.Combine(_root, "out");

        // When it is generated, then the error names file, line (1-based), column, path and the field.
        var (_, error) = Fails("generate", yaml, "--out", output);
        Assert.Contains($"bad.yaml:{at + 1}:3: world.colour: unknown field 'colour' (expected one of: latent_dimensions", error, StringComparison.Ordinal);
        NoFinalFiles(output);
    }

    [Fact]
    public void A_missing_scenario_file_is_named()
    {
        var (_, error) = Fails("generate", Path.Combine(_root, "nope.yaml"), "--out", Path.Combine(_root, "out"));
        Assert.Contains("nope.yaml: scenario file not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_built_in_scenario_lists_the_known_ones()
        => Assert.Contains("unknown scenario 'films' (built-in: ecommerce, media", Fails("generate", "films", "--out", _root).Error, StringComparison.Ordinal);

    [Fact]
    public void An_output_path_that_is_a_file_is_refused()
    {
        string file = Path.Combine(_root, "taken");
        File.WriteAllText(file, "x");
        Assert.Contains("output path is a file", Fails("generate", "media", "--out", file, "--items", "100", "--users", "10", "--interactions", "100").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unwritable_output_folder_is_refused()
    {
        string file = Path.Combine(_root, "plain-file");
        File.WriteAllText(file, "x");
        Assert.Contains("cannot write output", Fails("generate", "media", "--out", Path.Combine(file, "sub"), "--items", "100", "--users", "10", "--interactions", "100").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Impossible_sizes_and_values_are_refused_before_anything_is_written()
    {
        string output = Path.Combine(_root, "out");
        Assert.Contains("must be at least users.count", Fails("generate", "media", "--out", output, "--users", "50", "--interactions", "10").Error, StringComparison.Ordinal);
        Assert.Contains("--set events.choice.coherence: must be >= 0 and <= 1, got 3", Fails("generate", "media", "--out", output, "--set", "events.choice.coherence=3").Error, StringComparison.Ordinal);
        Assert.Contains("--set world.popularity.exponent: expected a number, got 'steep'", Fails("generate", "media", "--out", output, "--set", "world.popularity.exponent=steep").Error, StringComparison.Ordinal);
        NoFinalFiles(output);
    }

    [Fact]
    public void Bad_arguments_are_one_line_errors()
    {
        Assert.Contains("--threads must be at least 1", Fails("generate", "media", "--out", _root, "--threads", "0").Error, StringComparison.Ordinal);
        Assert.Contains("--out", Fails("generate", "media").Error, StringComparison.Ordinal);
        Fails("generate", "media", "--out", _root, "--format", "xml");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
