using RecForge.Sampling;
using YamlDotNet.RepresentationModel;

namespace RecForge.Scenarios;

/// <summary>Reads sampler specifications such as <c>{ beta: { a: 2, b: 5 } }</c>, validating their parameters.</summary>
internal static class SamplerReader
{
    /// <summary>The sampler kinds, with the parameters each takes.</summary>
    public static readonly string[] Kinds = ["uniform", "uniform_int", "normal", "lognormal", "beta", "pareto", "poisson", "zipf", "year_range", "mixture", "constant", "quantiles"];

    public static bool IsSampler(string kind) => Array.IndexOf(Kinds, kind) >= 0;

    /// <summary>Reads the sampler named <paramref name="kind"/> whose parameters are <paramref name="node"/>.</summary>
    public static IScalarSampler Read(string kind, YamlNode node, string path, SourceMap source, out bool integer)
    {
        integer = kind is "uniform_int" or "poisson" or "zipf" or "year_range";
        if (kind == "constant")
        {
            return new ConstantSampler(source.Number(node, path, double.NegativeInfinity, double.PositiveInfinity, false));
        }

        if (kind == "mixture")
        {
            return ReadMixture(node, path, source, out integer);
        }

        if (kind == "quantiles")
        {
            return ReadQuantiles(node, path, source);
        }

        if (node is not YamlMappingNode mapping)
        {
            throw source.Error(node, path, $"expected the parameters of {kind} as a mapping, e.g. {Example(kind)}");
        }

        var p = new MappingReader(mapping, path, source);
        IScalarSampler sampler = kind switch
        {
            "uniform" => Uniform(p),
            "uniform_int" => UniformInt(p),
            "normal" => new NormalSampler(p.RequireNumber("mean"), p.RequireNumber("sd", 0, exclusiveMin: true)),
            "lognormal" => new LogNormalSampler(p.RequireNumber("mu"), p.RequireNumber("sigma", 0, exclusiveMin: true)),
            "beta" => new BetaSampler(p.RequireNumber("a", 0, exclusiveMin: true), p.RequireNumber("b", 0, exclusiveMin: true)),
            "pareto" => new ParetoSampler(p.Number("scale", 1, 0, exclusiveMin: true), p.RequireNumber("alpha", 0, exclusiveMin: true)),
            "poisson" => new PoissonSampler(p.RequireNumber("lambda", 0, exclusiveMin: true)),
            "zipf" => new ZipfSampler(p.Integer("n", 0, 1), p.RequireNumber("exponent", 0, exclusiveMin: true)),
            "year_range" => Years(p),
            _ => throw source.Error(node, path, $"unknown sampler '{kind}'"),
        };
        p.Finish();
        return sampler;
    }

    private static IScalarSampler Uniform(MappingReader p)
    {
        double min = p.RequireNumber("min");
        double max = p.RequireNumber("max");
        return max > min ? new UniformSampler(min, max) : throw p.Error("max", $"must be > min ({min})");
    }

    private static IScalarSampler UniformInt(MappingReader p)
    {
        long min = p.Integer("min", 0);
        long max = p.Integer("max", long.MinValue);
        if (!p.Has("max"))
        {
            throw p.Error("missing required field 'max'");
        }

        return max >= min ? new UniformIntSampler(min, max) : throw p.Error("max", $"must be >= min ({min})");
    }

    private static IScalarSampler Years(MappingReader p)
    {
        int min = (int)p.Integer("min", 0, -9999, 9999);
        int max = (int)p.Integer("max", 0, -9999, 9999);
        if (max < min)
        {
            throw p.Error("max", $"must be >= min ({min})");
        }

        return new WeightedYearSampler(min, max, p.Number("growth", 0, -1, exclusiveMin: true));
    }

    private static IScalarSampler ReadMixture(YamlNode node, string path, SourceMap source, out bool integer)
    {
        if (node is not YamlSequenceNode list || list.Children.Count == 0)
        {
            throw source.Error(node, path, "expected a list of components, e.g. [{ weight: 0.7, normal: { mean: 0, sd: 1 } }, ...]");
        }

        var components = new List<IScalarSampler>();
        var weights = new List<double>();
        integer = true;
        for (int i = 0; i < list.Children.Count; i++)
        {
            string itemPath = $"{path}[{i}]";
            if (list.Children[i] is not YamlMappingNode m)
            {
                throw source.Error(list.Children[i], itemPath, "expected { weight: w, <sampler>: {...} }");
            }

            var r = new MappingReader(m, itemPath, source);
            weights.Add(r.Number("weight", 1, 0));
            string? kind = null;
            foreach (var (key, value) in r.Entries())
            {
                if (key == "weight")
                {
                    continue;
                }

                if (kind is not null || !IsSampler(key))
                {
                    throw source.Error(value, $"{itemPath}.{key}", $"expected exactly one sampler ({string.Join(", ", Kinds)})");
                }

                kind = key;
                components.Add(Read(key, value, $"{itemPath}.{key}", source, out bool componentInteger));
                integer &= componentInteger;
            }

            if (kind is null)
            {
                throw source.Error(m, itemPath, $"missing the component's sampler ({string.Join(", ", Kinds)})");
            }
        }

        if (weights.Sum() <= 0)
        {
            throw source.Error(node, path, "component weights must not all be zero");
        }

        return new MixtureSampler(components, weights);
    }

    // quantiles: [q0, q1, ..., qK] — evenly spaced quantiles of an empirical distribution, from minimum to maximum.
    private static QuantileSampler ReadQuantiles(YamlNode node, string path, SourceMap source)
    {
        if (node is not YamlSequenceNode list || list.Children.Count < 2)
        {
            throw source.Error(node, path, "expected at least two evenly spaced quantiles, minimum first, e.g. [1, 3, 10, 50]");
        }

        var values = new double[list.Children.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = source.Number(list.Children[i], $"{path}[{i}]", i == 0 ? double.NegativeInfinity : values[i - 1], double.PositiveInfinity, false);
        }

        return new QuantileSampler(values);
    }

    private static string Example(string kind) => kind switch
    {
        "uniform" => "{ min: 0, max: 1 }",
        "uniform_int" => "{ min: 1, max: 6 }",
        "normal" => "{ mean: 0, sd: 1 }",
        "lognormal" => "{ mu: 0, sigma: 1 }",
        "beta" => "{ a: 2, b: 5 }",
        "pareto" => "{ scale: 1, alpha: 1.5 }",
        "poisson" => "{ lambda: 3 }",
        "zipf" => "{ n: 1000, exponent: 1.1 }",
        "year_range" => "{ min: 1920, max: 2024, growth: 0.04 }",
        _ => "{ ... }",
    };
}
