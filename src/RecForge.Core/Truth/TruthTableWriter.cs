using System.Globalization;
using System.Text;
using RecForge.Evaluation;
using RecForge.Generation;
using RecForge.Generation.Events;
using RecForge.Ids;
using RecForge.Output;
using RecForge.Scenarios;
using RecForge.World;

namespace RecForge.Truth;

/// <summary>
/// Writes one partition of a ground-truth table: a user range (users, interests, events, oracle lists) or an item
/// range (items). Every value is a pure function of the scenario and the entity, as for the other tables; the events'
/// truth regenerates the range's events with the same draws and keeps what the events table leaves out.
/// </summary>
internal static class TruthTableWriter
{
    public static void Write(WorldModel world, ItemCatalog catalog, ActivityPlan activity, TruthTableDefinition table, PartitionTask task, ITableWriter writer, Action<long> progress, CancellationToken cancellation)
    {
        TableSchema schema = TruthSchemas.Of(world.Scenario, table);
        var batch = new ColumnBatch(schema, PartitionWriter.BatchSize(schema));
        var output = new Flushing(writer, progress, cancellation);
        switch (table.Kind)
        {
            case TruthKind.Users:
                Users(world, catalog, activity, task, batch, output);
                break;
            case TruthKind.Interests:
                Interests(world, catalog, task, batch, output);
                break;
            case TruthKind.Items:
                Items(world, catalog, task, batch, output);
                break;
            case TruthKind.Events:
                Events(world, catalog, activity, task, batch, output);
                break;
            default:
                TopK(world, catalog, activity, table, task, batch, output);
                break;
        }

        output.Finish(batch);
    }

    private static void Users(WorldModel world, ItemCatalog catalog, ActivityPlan activity, PartitionTask task, ColumnBatch batch, Flushing output)
    {
        ScenarioDefinition scenario = world.Scenario;
        var taste = new UserTaste(world, catalog, world.LatentUsers ? new EntityRowSampler(scenario.Users, world) : null);
        IReadOnlyList<TasteClusterDefinition> clusterDefinitions = scenario.World.Clusters;
        var weights = new double[Math.Max(1, scenario.World.ClustersPerUserMax)];
        var clusters = new int[Math.Max(1, scenario.World.ClustersPerUserMax)];
        RatingModel? rating = scenario.Events.Rating?.Model;
        var text = new StringBuilder();
        for (long u = task.Start; u < task.End; u++)
        {
            int row = batch.Count;
            taste.Begin(u);
            UserId(world, u).WriteTo(batch.Columns[0], row);
            taste.Position.CopyTo(batch.Column<float[]>(1)[row], 0);
            int k = world.LatentUsers ? 0 : world.UserClusters(u, weights, clusters);
            var names = new string[k];
            text.Clear().Append('[');
            for (int j = 0; j < k; j++)
            {
                names[j] = clusterDefinitions[clusters[j]].Name;
                text.Append(j == 0 ? "" : ",").Append(weights[j].ToString("R", CultureInfo.InvariantCulture));
            }

            batch.Column<string[]>(2)[row] = names;
            batch.Column<string>(3)[row] = text.Append(']').ToString();
            long rows = activity.RowsOf(u);
            batch.Column<long>(4)[row] = rows;
            batch.Column<double>(5)[row] = scenario.Events.Choice.Exact ? ExactPreference.UserBias(scenario, rows) : scenario.Events.Choice.PreferencePopularityBias;
            if (rating is not null)
            {
                (double bias, double noise) = OrdinalRatingModel.UserTerms(world, rating, u);
                batch.Column<double>(6)[row] = bias;
                batch.Column<double>(7)[row] = noise;
            }

            output.Next(batch);
            output.Entity();
        }
    }

    private static void Interests(WorldModel world, ItemCatalog catalog, PartitionTask task, ColumnBatch batch, Flushing output)
    {
        var taste = new UserTaste(world, catalog, null);
        IReadOnlyList<TasteClusterDefinition> clusters = world.Scenario.World.Clusters;
        for (long u = task.Start; u < task.End; u++)
        {
            taste.Begin(u);
            IdValue id = UserId(world, u);
            for (int j = 0; j < taste.InterestCount; j++)
            {
                int row = batch.Count;
                id.WriteTo(batch.Columns[0], row);
                batch.Column<long>(1)[row] = j;
                batch.Column<string>(2)[row] = clusters[taste.InterestCluster(j)].Name;
                batch.Column<double>(3)[row] = taste.InterestWeight(j);
                taste.Interest(j).CopyTo(batch.Column<float[]>(4)[row], 0);
                output.Next(batch);
            }

            output.Entity();
        }
    }

    private static void Items(WorldModel world, ItemCatalog catalog, PartitionTask task, ColumnBatch batch, Flushing output)
    {
        // A popularity pick's probability: the proposal at bias 1 over its total (the whole catalogue, not the range).
        double total = 0;
        for (long i = 0; i < catalog.Count; i++)
        {
            total += ExactPreference.ProposalWeight(world, i, 1);
        }

        double[]? bias = world.Scenario.Events.Rating?.Model?.ItemBias is { } attribute ? catalog.Numbers(attribute) : null;
        for (long i = task.Start; i < task.End; i++)
        {
            int row = batch.Count;
            IdValue.Of(world.Scenario.Items.IdFormat, world.Seed, WorldModel.ItemsKind, i).WriteTo(batch.Columns[0], row);
            catalog.Position(i).CopyTo(batch.Column<float[]>(1)[row]);
            batch.Column<long>(2)[row] = world.PopularityRank(i);
            batch.Column<double>(3)[row] = world.Popularity(i);
            batch.Column<double>(4)[row] = ExactPreference.ProposalWeight(world, i, 1) / total;
            if (bias is not null)
            {
                batch.Column<double>(5)[row] = bias[i];
            }

            output.Next(batch);
            output.Entity();
        }
    }

    private static void Events(WorldModel world, ItemCatalog catalog, ActivityPlan activity, PartitionTask task, ColumnBatch batch, Flushing output)
    {
        var sampler = new InteractionSampler(world, catalog);
        var events = new ColumnBatch(sampler.Schema, batch.Capacity);
        var picks = new PickTruth(batch.Capacity);
        sampler.Picks = picks;
        var truth = new EventTruthWriter(world.Scenario, picks, batch, output);
        for (long u = task.Start; u < task.End; u++)
        {
            sampler.Generate(u, activity.RowsOf(u), events, truth);
            output.Entity();
        }

        truth.Write(events);
        events.Count = 0;
    }

    private static void TopK(WorldModel world, ItemCatalog catalog, ActivityPlan activity, TruthTableDefinition table, PartitionTask task, ColumnBatch batch, Flushing output)
    {
        var oracle = new ChoiceOracle(world, catalog, activity);
        var seen = new HashSet<int>();
        InteractionSampler? sampler = null;
        ColumnBatch? events = null;
        SeenItems? collector = null;
        if (table.Kind == TruthKind.TopKUnseen)
        {
            sampler = new InteractionSampler(world, catalog);
            events = new ColumnBatch(sampler.Schema, PartitionWriter.BatchSize(sampler.Schema));
            sampler.Picks = new PickTruth(events.Capacity);
            collector = new SeenItems(sampler.Picks, seen);
        }

        for (long u = task.Start; u < task.End; u++)
        {
            seen.Clear();
            if (sampler is not null)
            {
                sampler.Generate(u, activity.RowsOf(u), events!, collector!);
                collector!.Write(events!);
                events!.Count = 0;
            }

            oracle.Begin(u);
            int[] top = RankingMetrics.TopK(oracle.Probability, seen, table.TopK);
            IdValue id = UserId(world, u);
            for (int r = 0; r < top.Length; r++)
            {
                int row = batch.Count;
                id.WriteTo(batch.Columns[0], row);
                batch.Column<long>(1)[row] = r + 1;
                IdValue.Of(world.Scenario.Items.IdFormat, world.Seed, WorldModel.ItemsKind, top[r]).WriteTo(batch.Columns[2], row);
                batch.Column<double>(3)[row] = oracle.Probability[top[r]];
                batch.Column<double>(4)[row] = oracle.Affinity[top[r]];
                output.Next(batch);
            }

            output.Entity();
        }
    }

    private static IdValue UserId(WorldModel world, long user) => IdValue.Of(world.Scenario.Users.IdFormat, world.Seed, WorldModel.UsersKind, user);

    // Counts a row into the batch and hands full batches on; progress counts the task's entities (users or items), as
    // the run's total does, reported every 256.
    private sealed class Flushing(ITableWriter writer, Action<long> progress, CancellationToken cancellation)
    {
        private long _entities;

        public void Entity()
        {
            if (++_entities == 256)
            {
                progress(_entities);
                _entities = 0;
            }
        }

        public void Finish(ColumnBatch batch)
        {
            Write(batch);
            progress(_entities);
            _entities = 0;
        }

        public void Next(ColumnBatch batch)
        {
            if (++batch.Count == batch.Capacity)
            {
                Write(batch);
            }
        }

        public void Write(ColumnBatch batch)
        {
            cancellation.ThrowIfCancellationRequested();
            if (batch.Count > 0)
            {
                writer.Write(batch);
                batch.Count = 0;
            }
        }
    }

    // Turns a batch of events into truth rows: ids, type and time copied, source and affinity from the sampler's record.
    private sealed class EventTruthWriter : ITableWriter
    {
        private readonly PickTruth _picks;
        private readonly ColumnBatch _batch;
        private readonly Flushing _output;
        private readonly int _type, _eventType, _eventTime;

        public EventTruthWriter(ScenarioDefinition scenario, PickTruth picks, ColumnBatch batch, Flushing output)
        {
            _picks = picks;
            _batch = batch;
            _output = output;
            TableSchema events = InteractionSampler.BuildSchema(scenario);
            _eventType = scenario.Events.Columns.Type is { } type ? events.IndexOf(type) : -1;
            _type = _eventType >= 0 ? 2 : -1;
            _eventTime = events.Columns.Count - 1;
        }

        public void Write(ColumnBatch events)
        {
            int t = _type >= 0 ? 3 : 2;
            for (int r = 0; r < events.Count; r++)
            {
                int row = _batch.Count;
                CopyCell(events.Columns[0], _batch.Columns[0], r, row);
                CopyCell(events.Columns[1], _batch.Columns[1], r, row);
                if (_type >= 0)
                {
                    _batch.Column<string>(_type)[row] = ((string[])events.Columns[_eventType])[r];
                }

                _batch.Column<DateTime>(t)[row] = ((DateTime[])events.Columns[_eventTime])[r];
                _batch.Column<string>(t + 1)[row] = PickTruth.SourceNames[_picks.Sources[r]];
                _batch.Column<double>(t + 2)[row] = _picks.Affinities[r];
                _output.Next(_batch);
            }
        }

        public IReadOnlyList<WrittenFile> Complete() => [];

        public void Dispose()
        {
        }

        private static void CopyCell(Array from, Array to, int fromRow, int toRow) => Array.Copy(from, fromRow, to, toRow, 1);
    }

    // Collects the items of a user's events (by index, from the sampler's record).
    private sealed class SeenItems(PickTruth picks, HashSet<int> seen) : ITableWriter
    {
        public void Write(ColumnBatch events)
        {
            for (int r = 0; r < events.Count; r++)
            {
                seen.Add((int)picks.Items[r]);
            }

            events.Count = 0;
        }

        public IReadOnlyList<WrittenFile> Complete() => [];

        public void Dispose()
        {
        }
    }
}
