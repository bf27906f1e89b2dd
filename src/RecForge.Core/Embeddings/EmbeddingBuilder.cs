using System.Runtime.CompilerServices;
using RecForge.Randomness;
using RecForge.Scenarios;
using RecForge.Text;
using RecForge.World;

namespace RecForge.Embeddings;

/// <summary>
/// Builds an item embedding block by block (each L2-normalised): <c>text</c> encodes text attributes with
/// <see cref="HashedTextEncoder"/> (or, with a sentence model in <see cref="WorldModel.TextVectors"/>, takes the model's
/// vector of the texts joined); <c>latent</c> projects the taste position plus category centroids through a fixed
/// Gaussian matrix; <c>property</c> projects a category's vector property (e.g. a mood's valence–arousal–dominance)
/// plus half the taste position. Per-item noise (table-quantised normal, <see cref="NormalQuantiles"/>) keeps neighbours from being exact duplicates.
/// </summary>
internal sealed class EmbeddingBuilder
{
    private readonly EmbeddingDefinition _definition;
    private readonly WorldModel _world;
    private readonly float[][] _latentProjection;
    private readonly float[][] _propertyProjection;
    private readonly HashedTextEncoder[] _encoders;
    private readonly ulong[] _noiseKeys;
    private readonly string[] _texts = new string[8];
    private readonly float[] _property;
    private readonly float[] _latent;

    public EmbeddingBuilder(EmbeddingDefinition definition, WorldModel world)
    {
        _definition = definition;
        _world = world;
        int n = definition.Blocks.Count;
        _latentProjection = new float[n][];
        _propertyProjection = new float[n][];
        _encoders = new HashedTextEncoder[n];
        _latent = new float[definition.Dimension];
        int widest = 0;
        _noiseKeys = new ulong[n];
        for (int b = 0; b < n; b++)
        {
            EmbeddingBlock block = definition.Blocks[b];
            ulong key = StreamKey.Combine(world.Seed, StreamKey.Of("embedding:" + block.Name));
            _encoders[b] = new HashedTextEncoder(key);
            _noiseKeys[b] = StreamKey.Of("noise:" + block.Name);
            _latentProjection[b] = Gaussian(key, 1, block.Dimension, world.Dimensions);
            if (block.Property is not null)
            {
                int width = ((double[])((CategoryAttribute)block.Sources[0]).Categories[0].Properties[block.Property]).Length;
                _propertyProjection[b] = Gaussian(key, 2, block.Dimension, width);
                widest = Math.Max(widest, width);
            }
        }

        _property = new float[widest];
    }

    /// <summary>The source attributes of each text block (what a sentence model reads), in block order.</summary>
    public IEnumerable<IReadOnlyList<AttributeDefinition>> TextSources
        => _definition.Blocks.Where(b => b.Source == "text").Select(b => b.Sources);

    public void Build(long item, ReadOnlySpan<float> position, IRowValues row, Span<float> destination)
    {
        int offset = 0;
        Span<float> z = stackalloc float[_world.Dimensions];
        for (int b = 0; b < _definition.Blocks.Count; b++)
        {
            EmbeddingBlock block = _definition.Blocks[b];
            Span<float> v = destination.Slice(offset, block.Dimension);
            v.Clear();
            switch (block.Source)
            {
                case "text" when _world.TextVectors is { } model:
                    int count = 0;
                    for (int s = 0; s < block.Sources.Count; s++)
                    {
                        _texts[count++] = row.TextOf(block.Sources[s].Slot);
                    }

                    model.CopyTo(TextVectorCache.Join(_texts.AsSpan(0, count)), v);
                    break;
                case "text":
                    // Summed unnormalised: the block is normalised once, below, like every other block.
                    for (int s = 0; s < block.Sources.Count; s++)
                    {
                        _encoders[b].Accumulate(row.TextOf(block.Sources[s].Slot), v);
                    }

                    break;
                case "latent":
                    position.CopyTo(z);
                    for (int s = 0; s < block.Sources.Count; s++)
                    {
                        var category = (CategoryAttribute)block.Sources[s];
                        VectorMath.AddScaled(z, _world.Centroids(category)[row.CategoryOf(category.Slot)], 0.5);
                    }

                    Project(_latentProjection[b], z, v);
                    break;
                default:
                    var attribute = (CategoryAttribute)block.Sources[0];
                    double[] property = (double[])attribute.Categories[row.CategoryOf(attribute.Slot)].Properties[block.Property!];
                    Span<float> p = _property.AsSpan(0, property.Length);
                    for (int i = 0; i < p.Length; i++)
                    {
                        // Centre [0, 1] scales so the projection points in distinct directions per property value.
                        p[i] = (float)(property[i] - 0.5);
                    }

                    Project(_propertyProjection[b], p, v);
                    VectorMath.NormalizeFixed(v);
                    Span<float> latent = _latent.AsSpan(0, block.Dimension);
                    Project(_latentProjection[b], position, latent);
                    VectorMath.NormalizeFixed(latent);
                    VectorMath.AddScaled(v, latent, 0.5);
                    break;
            }

            VectorMath.NormalizeFixed(v);
            Rng rng = _world.RngFor(WorldModel.ItemsKind, item, _noiseKeys[b]);
            NormalQuantiles.AddNoise(v, ref rng, (float)(block.Noise / Math.Sqrt(block.Dimension)));
            VectorMath.NormalizeFixed(v);
            offset += block.Dimension;
        }
    }

    // The matrix is stored input-major (row k holds input k's weights for every output), so the product is a sum of
    // scaled rows: vectorised across the outputs, and each output adds its terms in input order on every machine.
    // AggressiveOptimization: see VectorMath.DotFixed.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Project(float[] matrix, ReadOnlySpan<float> input, Span<float> output)
    {
        output.Clear();
        int width = output.Length;
        for (int k = 0; k < input.Length; k++)
        {
            VectorMath.AddScaled(output, matrix.AsSpan(k * width, width), input[k]);
        }
    }

    // A Gaussian outputs × inputs matrix drawn row by row (output r's weights together), stored input-major.
    private static float[] Gaussian(ulong key, ulong stream, int outputs, int inputs)
    {
        var rng = new Rng(StreamKey.Combine(key, stream));
        var values = new float[outputs * inputs];
        for (int r = 0; r < outputs; r++)
        {
            for (int k = 0; k < inputs; k++)
            {
                values[(k * outputs) + r] = (float)rng.NextGaussian();
            }
        }

        return values;
    }
}
