using RecForge.Datasets.Logs;
using RecForge.Evaluation;
using RecForge.Fit;
using RecForge.Scenarios;

namespace RecForge.Datasets.Fitting;

/// <summary>
/// What <c>fit</c> learns from: the log's events indexed with the catalogue's items first (so the twin's catalogue keeps
/// the file's order), the catalogue completed with the log's other items, and each item's genres.
/// </summary>
/// <param name="Log">The events, by user.</param>
/// <param name="Items">Item ids ↔ indexes.</param>
/// <param name="Catalogue">Every indexed item in index order, with the catalogue's columns where it has them.</param>
/// <param name="Genres">Item index → the values of the catalogue's list column, if it has one.</param>
public sealed record FitInput(InteractionLog Log, ItemIndex Items, TwinCatalogue Catalogue, Dictionary<int, string[]>? Genres)
{
    /// <summary>Rows of the log that repeated a (user, item) pair already read (merged as the read was told).</summary>
    public long RepeatedRows { get; init; }

    /// <summary>Items of the log that the catalogue file does not list (kept, with empty catalogue columns); 0 without a catalogue.</summary>
    public int UncataloguedItems { get; init; }

    // Weights (play counts) with more distinct values than this are represented by this many quantile values.
    private const int MaxWeightValues = 64;

    /// <summary>
    /// Reads the log at <paramref name="log"/> and, when given, the catalogue CSV <paramref name="catalogueFile"/> (key
    /// column <paramref name="catalogueKey"/>, list column <paramref name="categories"/>). With
    /// <paramref name="quantizeWeights"/> a weight column with many values keeps 64 quantile values.
    /// Rows that repeat a (user, item) pair become one event as <paramref name="repeats"/> says (counted in
    /// <see cref="RepeatedRows"/>), before the weights are quantised.
    /// </summary>
    /// <exception cref="InvalidDataException">A file is missing or malformed, or the log has no events.</exception>
    public static FitInput Read(string log, LogColumns columns, string? catalogueFile, string catalogueKey, string categories, bool quantizeWeights,
        RepeatedPairs repeats = RepeatedPairs.First)
    {
        var index = new ItemIndex();
        TwinCatalogue? catalogue = catalogueFile is null ? null : ReadCatalogue(catalogueFile, catalogueKey, categories, columns.Item, index);
        List<LogEvent> events = PairMerge.Apply([.. LogFiles.Read(log, columns)], repeats, out long repeated);
        if (quantizeWeights)
        {
            events = Quantize(events);
        }

        InteractionLog real = InteractionLog.Build(events, index);
        if (real.UserCount == 0)
        {
            throw new InvalidDataException($"{log}: no events");
        }

        TwinCatalogue complete = Complete(catalogue, columns.Item, index);
        return new FitInput(real, index, complete, GenresOf(complete))
        {
            RepeatedRows = repeated,
            UncataloguedItems = catalogue is null ? 0 : index.Count - catalogue.Ids.Count,
        };
    }

    // Items are indexed in catalogue order first, so the twin's catalogue keeps the file's order; the log's other items
    // follow (with empty catalogue columns, filled in by Complete).
    private static TwinCatalogue ReadCatalogue(string path, string key, string categories, string idColumn, ItemIndex index)
    {
        CatalogueFile file;
        try
        {
            file = File.Exists(path) ? CatalogueFile.Read(path) : throw new InvalidDataException($"{path}: no such file");
        }
        catch (IOException e)
        {
            throw new InvalidDataException($"{path}: cannot read ({e.Message})");
        }

        string[] ids = file.Has(key) ? file.Texts(key) : throw new InvalidDataException($"{path}: no column '{key}' (has {string.Join(", ", file.Header)})");
        for (int r = 0; r < ids.Length; r++)
        {
            if (index.IndexOf(ids[r]) < r)
            {
                throw new InvalidDataException($"{path}:{CatalogueFile.LineOf(r)}: item '{ids[r]}' appears twice");
            }
        }

        string[] names = [.. file.Header.Where(c => c != key)];
        string[][] columns = [.. names.Select(file.Texts)];
        string[][] values = [.. Enumerable.Range(0, ids.Length).Select(r => columns.Select(c => c[r]).ToArray())];
        return new TwinCatalogue(idColumn, ids, names, values, Array.IndexOf(names, categories) >= 0 ? categories : null);
    }

    // Every indexed item in index order: the catalogue's, then the log's own (no catalogue values).
    private static TwinCatalogue Complete(TwinCatalogue? catalogue, string idColumn, ItemIndex index)
    {
        string[] ids = [.. Enumerable.Range(0, index.Count).Select(index.IdOf)];
        IReadOnlyList<string[]> known = catalogue?.Values ?? [];
        string[][] values = [.. Enumerable.Range(0, index.Count).Select(i => i < known.Count ? known[i] : [])];
        return catalogue is null ? new TwinCatalogue(idColumn, ids, [], values, null) : catalogue with { Ids = ids, Values = values };
    }

    private static Dictionary<int, string[]>? GenresOf(TwinCatalogue catalogue)
    {
        int at = catalogue.ListColumn is { } list ? catalogue.Columns.ToList().IndexOf(list) : -1;
        if (at < 0)
        {
            return null;
        }

        var genres = new Dictionary<int, string[]>();
        for (int i = 0; i < catalogue.Values.Count; i++)
        {
            if (catalogue.Values[i].Length > at)
            {
                genres[i] = catalogue.Values[i][at].Split(catalogue.ListSeparator, StringSplitOptions.RemoveEmptyEntries);
            }
        }

        return genres;
    }

    // A weight column with many distinct values (play counts) keeps at most MaxWeightValues of them: each weight
    // becomes the nearest of the weights' evenly spaced quantiles, so the rating model has a short scale.
    private static List<LogEvent> Quantize(List<LogEvent> events)
    {
        double[] distinct = [.. events.Select(e => e.Rating).Where(double.IsFinite).Distinct().Order()];
        if (distinct.Length <= MaxWeightValues)
        {
            return events;
        }

        double[] scale = [.. Quantiles.Of([.. events.Select(e => e.Rating).Where(double.IsFinite)], MaxWeightValues).Distinct()];
        return [.. events.Select(e =>
        {
            int at = Array.BinarySearch(scale, e.Rating);
            at = at >= 0 ? at : ~at;
            int best = at >= scale.Length || (at > 0 && e.Rating - scale[at - 1] <= scale[at] - e.Rating) ? at - 1 : at;
            return e with { Rating = scale[Math.Clamp(best, 0, scale.Length - 1)] };
        })];
    }
}
