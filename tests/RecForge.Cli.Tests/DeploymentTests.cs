using YamlDotNet.RepresentationModel;

namespace RecForge.Cli.Tests;

/// <summary>The Kubernetes manifests stay consistent with the CLI: one shard per index, as many shards as completions.</summary>
public class DeploymentTests
{
    private static string RepositoryFile(params string[] parts) => Path.Combine([Repository.Root, .. parts]);

    [Fact]
    public void Indexed_job_runs_one_shard_per_completion_index()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(RepositoryFile("deploy", "kubernetes", "indexed-job.yaml"))));
        var spec = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["spec"];
        Assert.Equal("Indexed", spec["completionMode"].ToString());
        int completions = int.Parse(spec["completions"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
        var container = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)spec["template"])["spec"])["containers"])[0];
        string[] args = [.. ((YamlSequenceNode)container["args"]).Select(a => a.ToString())];
        Assert.Contains($"--shard=$(JOB_COMPLETION_INDEX)/{completions}", args);

        // The arguments parse as a valid generate command (checked with --dry-run, shard 0, a local folder).
        string[] local = [.. args.Select(a => a.StartsWith("--shard=", StringComparison.Ordinal) ? $"--shard=0/{completions}" : a.StartsWith("--out=", StringComparison.Ordinal) ? "--out=" + Path.GetTempPath() : a), "--dry-run"];
        var (code, _, error) = Cli.Run(local);
        Assert.True(code == 0, error);
    }
}
