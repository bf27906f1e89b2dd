using System.Globalization;
using System.Text.Json;
using RecForge.Output;

namespace RecForge.Quality;

/// <summary>
/// The statistics block of an interactions table, computed from its rows in one streaming pass: totals, active users
/// and items (with their share of the tables' sizes when known), interactions per user, and the rating distribution.
/// <c>recforge generate</c> prints it from the files it wrote; the JSON document format writes it after the rows.
/// </summary>
public sealed class InteractionStatistics
{
    private readonly EventTally _tally;
    private readonly DatasetColumns _columns;

    /// <summary>Starts an empty tally of events whose columns play the parts named in <paramref name="columns"/>.</summary>
    public InteractionStatistics(DatasetColumns columns)
    {
        _columns = columns;
        _tally = new EventTally(columns, null, null, null);
    }

    /// <summary>Users in the users table (for the active share), or null when unknown.</summary>
    public long? TotalUsers { get; init; }

    /// <summary>Items in the catalogue (for the active share), or null when unknown.</summary>
    public long? TotalItems { get; init; }

    /// <summary>Rows seen.</summary>
    public long Interactions => _tally.Rows;

    /// <summary>Distinct users with at least one row.</summary>
    public long ActiveUsers => _tally.UserCount;

    /// <summary>Distinct items with at least one row.</summary>
    public long ActiveItems => _tally.ItemCount;

    /// <summary>Counts of each rating value, ascending (empty without a rating column).</summary>
    public IReadOnlyDictionary<double, long> Ratings => _tally.Ratings;

    /// <summary>Mean rating, or NaN without ratings.</summary>
    public double AverageRating
    {
        get
        {
            long n = 0;
            double sum = 0;
            foreach (var (value, count) in _tally.Ratings)
            {
                n += count;
                sum += value * count;
            }

            return n == 0 ? double.NaN : sum / n;
        }
    }

    /// <summary>Fewest, mean and most interactions of an active user.</summary>
    public (long Min, double Mean, long Max) PerUser
    {
        get
        {
            long min = long.MaxValue, max = 0, sum = 0;
            foreach (long c in _tally.UserCounts)
            {
                min = Math.Min(min, c);
                max = Math.Max(max, c);
                sum += c;
            }

            return _tally.UserCounts.Count == 0 ? (0, 0, 0) : (min, (double)sum / _tally.UserCounts.Count, max);
        }
    }

    /// <summary>Adds a batch of rows.</summary>
    public void Add(ColumnBatch batch) => _tally.Add(batch, batch.Schema.Name);

    /// <summary>Writes the block as a JSON object.</summary>
    public void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteNumber("total_interactions", Interactions);
        json.WriteNumber("unique_users", ActiveUsers);
        if (TotalUsers is { } users)
        {
            json.WriteNumber("active_user_share", Round(ActiveUsers / (double)users));
        }

        json.WriteNumber("unique_items", ActiveItems);
        if (TotalItems is { } items)
        {
            json.WriteNumber("active_item_share", Round(ActiveItems / (double)items));
        }

        var (min, mean, max) = PerUser;
        json.WriteStartObject("interactions_per_user");
        json.WriteNumber("avg", Round(mean));
        json.WriteNumber("min", min);
        json.WriteNumber("max", max);
        json.WriteEndObject();
        if (Ratings.Count > 0)
        {
            json.WriteNumber("average_rating", Round(AverageRating));
            json.WriteStartObject("rating_distribution");
            foreach (var (value, count) in Ratings.OrderByDescending(p => p.Key))
            {
                json.WriteStartObject(value.ToString("0.0", CultureInfo.InvariantCulture));
                json.WriteNumber("count", count);
                json.WriteNumber("percentage", Round(100.0 * count / Interactions, 2));
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>Prints the block as aligned text lines.</summary>
    public void Print(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"  statistics ({_columns.EventUser}, {_columns.EventItem}{(Ratings.Count > 0 ? ", " + _columns.Rating : "")}), from the written files:"));
        output.WriteLine(string.Create(c, $"    interactions          {Interactions,12:N0}"));
        output.WriteLine(string.Create(c, $"    active users          {ActiveUsers,12:N0}{Share(ActiveUsers, TotalUsers)}"));
        output.WriteLine(string.Create(c, $"    active items          {ActiveItems,12:N0}{Share(ActiveItems, TotalItems)}"));
        var (min, mean, max) = PerUser;
        output.WriteLine(string.Create(c, $"    interactions per user  avg {mean:N1}, min {min:N0}, max {max:N0}"));
        if (Ratings.Count == 0)
        {
            return;
        }

        output.WriteLine(string.Create(c, $"    average rating        {AverageRating,12:F3}"));
        output.WriteLine("    rating distribution");
        foreach (var (value, count) in Ratings.OrderByDescending(p => p.Key))
        {
            double share = (double)count / Interactions;
            output.WriteLine(string.Create(c, $"      {value,4:0.0}  {count,10:N0}  {100 * share,5:F1}%  {new string('#', (int)Math.Round(share * 100))}"));
        }
    }

    private static string Share(long active, long? total)
        => total is { } t && t > 0 ? string.Create(CultureInfo.InvariantCulture, $"  of {t:N0} ({100.0 * active / t:F1}%)") : "";

    private static double Round(double value, int digits = 4) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
