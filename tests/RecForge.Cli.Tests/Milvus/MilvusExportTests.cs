using System.Text.Json;
using RecForge.Cli.Tests.Postgres;

namespace RecForge.Cli.Tests.Milvus;

/// <summary><c>recforge export milvus</c>: the collection schema and the bulk-import Parquet files, read back.</summary>
public sealed class MilvusExportTests(SmallMediaDataset data) : IClassFixture<SmallMediaDataset>
{
    [Fact]
    public void Export_writes_the_collection_schema_and_parquet_files_holding_every_item()
    {
        string output = Path.Combine(Cli.TempDirectory(), "milvus");
        var (code, stdout, error) = Cli.Run("export", "milvus", data.Directory, "--out", output, "--rows-per-file", "250");
        Assert.True(code == 0, error);
        Assert.Contains("media: 600 entities in 3 Parquet files", stdout, StringComparison.Ordinal);

        JsonElement collection = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "collection.json"))).RootElement;
        Assert.Equal("media", collection.GetProperty("collectionName").GetString());
        var fields = collection.GetProperty("schema").GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("fieldName").GetString()!);
        Assert.True(fields["content_id"].GetProperty("isPrimary").GetBoolean());
        Assert.Equal("Int64", fields["content_id"].GetProperty("dataType").GetString());
        Assert.Equal("FloatVector", fields["embedding"].GetProperty("dataType").GetString());
        Assert.Equal(1024, fields["embedding"].GetProperty("elementTypeParams").GetProperty("dim").GetInt32());
        Assert.Equal("VarChar", fields["genre"].GetProperty("dataType").GetString());
        Assert.Equal("VarChar", fields["mood"].GetProperty("dataType").GetString());
        Assert.Equal("Int64", fields["release_year"].GetProperty("dataType").GetString());
        Assert.Equal("Double", fields["popularity"].GetProperty("dataType").GetString());
        Assert.Equal("JSON", fields["cultural_context"].GetProperty("dataType").GetString());
        JsonElement index = collection.GetProperty("indexParams")[0];
        Assert.Equal(("embedding", "HNSW", "COSINE"), (index.GetProperty("fieldName").GetString(), index.GetProperty("indexType").GetString(), index.GetProperty("metricType").GetString()));
        Assert.Equal(16, index.GetProperty("params").GetProperty("M").GetInt32());
        Assert.Equal(200, index.GetProperty("params").GetProperty("efConstruction").GetInt32());

        // The import request lists every data file, one per group (row-based files), relative to the bucket root.
        JsonElement import = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "import.json"))).RootElement;
        string[] listed = [.. import.GetProperty("files").EnumerateArray().Select(g => g.EnumerateArray().Single().GetString()!)];
        Assert.Equal(["media/part-00000.parquet", "media/part-00001.parquet", "media/part-00002.parquet"], listed);
        Assert.Equal(listed, Directory.GetFiles(Path.Combine(output, "media")).Select(f => "media/" + Path.GetFileName(f)).Order(StringComparer.Ordinal));

        // Every field is a column of every file (Milvus needs them all, partition columns included), with the source values.
        var exported = new ParquetTable(Path.Combine(output, "media"));
        var source = new ParquetTable(Path.Combine(data.Directory, "media"));
        long[] ids = exported.Column<long>("content_id");
        Assert.Equal(600, ids.Length);
        Assert.Equal(source.Column<long>("content_id").Order(), ids.Order());
        var byId = source.Column<long>("content_id").Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        float[][] vectors = exported.Column<float[]>("embedding"), sourceVectors = source.Column<float[]>("embedding");
        string[] genres = exported.Column<string>("genre"), sourceGenres = source.Partition("genre");
        long[] years = exported.Column<long>("release_year");
        string[] sourceYears = [.. source.Column<long>("release_year").Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        string[] contexts = exported.Column<string>("cultural_context");
        for (int i = 0; i < ids.Length; i += 37)
        {
            int s = byId[ids[i]];
            Assert.Equal(sourceVectors[s], vectors[i]);
            Assert.Equal(sourceGenres[s], genres[i]);
            Assert.Equal(sourceYears[s], years[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(contexts[i]).RootElement.ValueKind);
        }

        int longestGenre = genres.Max(g => System.Text.Encoding.UTF8.GetByteCount(g));
        Assert.InRange(fields["genre"].GetProperty("elementTypeParams").GetProperty("max_length").GetInt32(), longestGenre, 65_535);
    }

    [Fact]
    public void Export_refuses_a_folder_that_is_not_empty_and_unknown_fields()
    {
        string output = Cli.TempDirectory();
        File.WriteAllText(Path.Combine(output, "keep.txt"), "x");
        var (code, _, error) = Cli.Run("export", "milvus", data.Directory, "--out", output);
        Assert.Equal(2, code);
        Assert.Contains("exists and is not empty", error, StringComparison.Ordinal);

        string fresh = Path.Combine(Cli.TempDirectory(), "m");
        (code, _, error) = Cli.Run("export", "milvus", data.Directory, "--out", fresh, "--fields", "genre,rating");
        Assert.Equal(2, code);
        Assert.StartsWith("error: --fields rating: table 'media' has columns", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(fresh));
    }
}
