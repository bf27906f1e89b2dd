using System.Globalization;
using RecForge.Sampling;
using YamlDotNet.RepresentationModel;

namespace RecForge.Scenarios;

/// <summary>Reads <c>events.rating</c>: histograms per choice source, or the fitted ordinal model.</summary>
internal static partial class EventReader
{
    // rating: { histogram: {5.0: 0.2, ...} } for one distribution, or preference / popularity / exploration each with
    // its own histogram (a source left out uses `histogram`). Weights are normalised per source.
    private static RatingDefinition ReadRating(MappingReader r, EntityDefinition items)
    {
        string[] sources = ["preference", "popularity", "exploration"];
        MappingReader? modelReader = r.Mapping("model");
        var histograms = new Dictionary<string, Dictionary<double, double>>(StringComparer.Ordinal);
        foreach (string key in (string[])["histogram", .. sources])
        {
            if (r.Mapping(key) is not { } h)
            {
                continue;
            }

            var weights = new Dictionary<double, double>();
            foreach (var (text, _) in h.Entries())
            {
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                {
                    throw h.Error(text, $"expected a rating value (a number) as the key, got '{text}'");
                }

                weights[value] = h.RequireNumber(text, 0);
            }

            if (weights.Values.Sum() <= 0)
            {
                throw r.Error(key, "needs at least one rating value with a positive weight");
            }

            histograms[key] = weights;
        }

        r.Finish();
        foreach (string source in sources)
        {
            if (!histograms.ContainsKey(source) && !histograms.ContainsKey("histogram"))
            {
                throw r.Error($"no distribution for '{source}' picks: give `{source}: {{value: weight}}` or a shared `histogram`");
            }
        }

        double[] values = [.. histograms.Values.SelectMany(h => h.Keys).Distinct().Order()];
        var bySource = new double[sources.Length][];
        for (int s = 0; s < sources.Length; s++)
        {
            Dictionary<double, double> h = histograms.GetValueOrDefault(sources[s]) ?? histograms["histogram"];
            double total = h.Values.Sum();
            bySource[s] = [.. values.Select(v => h.GetValueOrDefault(v) / total)];
        }

        return new RatingDefinition(values, bySource) { Model = modelReader is null ? null : ReadRatingModel(modelReader, items, values.Length) };
    }

    // model: { user_bias: <sampler>, item_bias: <item attribute>, affinity: w, noise: <sampler>, thresholds: [...] }
    private static RatingModel ReadRatingModel(MappingReader m, EntityDefinition items, int values)
    {
        IScalarSampler userBias = OptionalSampler(m, "user_bias") ?? new ConstantSampler(0);
        IScalarSampler noise = OptionalSampler(m, "noise") ?? new ConstantSampler(1);
        AttributeDefinition? itemBias = null;
        if (m.String("item_bias") is { } name)
        {
            itemBias = items.Find(name) is NumberAttribute or ExpressionAttribute { Expression.IsText: false } or ColumnAttribute { Texts: null, Lists: null }
                ? items.Find(name) : throw m.Error("item_bias", $"'{name}' must be a numeric item attribute");
        }

        YamlSequenceNode thresholds = m.Sequence("thresholds") ?? throw m.Error($"missing required field 'thresholds': {values - 1} cut points between the {values} rating values");
        if (thresholds.Children.Count != values - 1)
        {
            throw m.Error("thresholds", $"expected {values - 1} cut points between the {values} rating values, got {thresholds.Children.Count}");
        }

        var cuts = new double[values - 1];
        for (int i = 0; i < cuts.Length; i++)
        {
            cuts[i] = m.Source.Number(thresholds.Children[i], $"{m.Child("thresholds")}[{i}]", i == 0 ? double.NegativeInfinity : cuts[i - 1], double.PositiveInfinity, false);
        }

        var model = new RatingModel(userBias, itemBias, m.Number("affinity", 0), noise, cuts);
        m.Finish();
        return model;
    }
}
