using System.Text.Json;

namespace RecForge.Cli.Tests;

/// <summary><c>--text-encoder</c> on generate and cluster: the sentence model end to end, and its errors.</summary>
public sealed class TextEncoderCommandTests
{
    [Fact]
    public void Generate_with_minilm_is_byte_identical_across_thread_counts_and_records_the_encoder()
    {
        string[] size = ["--items", "300", "--users", "50", "--interactions", "500", "--tables", "media"];
        string one = Cli.TempDirectory(), two = Cli.TempDirectory(), hashed = Cli.TempDirectory();
        var first = Cli.Run(["generate", "media", "--out", one, "--text-encoder", "minilm", "--threads", "1", .. size]);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(0, Cli.Run(["generate", "media", "--out", two, "--text-encoder", "minilm", "--threads", "2", .. size]).ExitCode);
        Assert.Equal(0, Cli.Run(["generate", "media", "--out", hashed, .. size]).ExitCode);

        // The manifests list every file's SHA-256: equal manifests are equal bytes.
        string manifest = File.ReadAllText(Path.Combine(one, "_manifest.json"));
        Assert.Equal(manifest, File.ReadAllText(Path.Combine(two, "_manifest.json")));
        Assert.Equal("minilm", JsonDocument.Parse(manifest).RootElement.GetProperty("text_encoder").GetString());

        // The model changes the text block only, and the default run does not name an encoder.
        string other = File.ReadAllText(Path.Combine(hashed, "_manifest.json"));
        Assert.False(JsonDocument.Parse(other).RootElement.TryGetProperty("text_encoder", out _));
        Assert.NotEqual(manifest.Replace("  \"text_encoder\": \"minilm\",\n", "", StringComparison.Ordinal), other);
    }

    [Fact]
    public void Clustering_a_catalogue_with_minilm_and_keybert_labels_names_the_encoder_and_labeler()
    {
        string folder = Cli.TempDirectory();
        string movies = Path.Combine(folder, "items.csv");
        string[] families = ["space station astronauts orbit", "haunted house ghost terror", "wedding bride romance love"];
        File.WriteAllLines(movies, ["id,title", .. Enumerable.Range(0, 30).Select(i => $"{i},\"{families[i % 3]} {i}\"")]);
        string output = Path.Combine(folder, "clusters.parquet");
        var (code, stdout, error) = Cli.Run("cluster", movies, "--out", output, "--k", "3", "--text-encoder", "minilm", "--labels", "keybert");
        Assert.True(code == 0, error);
        Assert.Contains("items.csv (minilm-encoded title): 30 items -> 3 clusters", stdout, StringComparison.Ordinal);
        Assert.Contains("KeyBERT labels, minilm phrase vectors", stdout, StringComparison.Ordinal);

        // Three themes of ten items each: MiniLM separates them exactly.
        long[] clusters = new ParquetTable(folder).Column<long>("cluster");
        for (int i = 3; i < 30; i++)
        {
            Assert.Equal(clusters[i % 3], clusters[i]);
        }

        Assert.Equal(3, clusters.Distinct().Count());
    }

    [Theory]
    [InlineData("generate", "onnx:/nonexistent/model", "no such file or folder")]
    [InlineData("generate", "bert", "expected hashed, minilm or onnx:PATH")]
    [InlineData("cluster", "onnx:/nonexistent/model", "no such file or folder")]
    public void A_bad_encoder_is_a_one_line_error_with_exit_code_2(string command, string encoder, string message)
    {
        string folder = Cli.TempDirectory();
        string items = Path.Combine(folder, "items.csv");
        File.WriteAllLines(items, ["id,title", "1,a", "2,b", "3,c"]);
        string[] args = command == "generate"
            ? ["generate", "media", "--out", Path.Combine(folder, "out"), "--items", "10", "--users", "5", "--interactions", "10", "--text-encoder", encoder]
            : ["cluster", items, "--out", Path.Combine(folder, "c.parquet"), "--k", "2", "--text-encoder", encoder];
        var (code, _, error) = Cli.Run(args);
        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(Directory.Exists(Path.Combine(folder, "out", "media")));
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_a_one_line_error_with_exit_code_2()
    {
        string folder = Cli.TempDirectory();
        File.WriteAllText(Path.Combine(folder, "model.onnx"), "this is not an ONNX file");
        File.WriteAllLines(Path.Combine(folder, "vocab.txt"), ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "film"]);
        var (code, _, error) = Cli.Run("generate", "media", "--out", Path.Combine(folder, "out"), "--items", "10", "--users", "5", "--interactions", "10",
            "--text-encoder", "onnx:" + folder);
        Assert.Equal(2, code);
        Assert.Contains("not a model ONNX Runtime can load", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(Directory.Exists(Path.Combine(folder, "out", "media")));
    }

    [Fact]
    public void A_model_of_another_width_than_the_text_block_is_refused_before_anything_is_written()
    {
        string folder = Cli.TempDirectory();
        string yaml = File.ReadAllText(Path.Combine(Repository.Root, "scenarios", "media.yaml"));
        string scenario = Path.Combine(folder, "media-256.yaml");
        File.WriteAllText(scenario, yaml.Replace("dim: 384, source: text", "dim: 256, source: text", StringComparison.Ordinal));
        var (code, _, error) = Cli.Run("generate", scenario, "--out", Path.Combine(folder, "out"), "--items", "10", "--users", "5", "--interactions", "10", "--text-encoder", "minilm");
        Assert.Equal(2, code);
        Assert.Contains("has 256 dimensions but the text encoder minilm writes 384", error, StringComparison.Ordinal);
    }
}
