using System.Globalization;
using RecForge.Clustering;
using RecForge.Output;
using RecForge.Output.Parquet;

namespace RecForge.Datasets.Clustering;

/// <summary>The micro-genre file <c>cluster</c> writes.</summary>
public static class ClusterFile
{
    /// <summary>
    /// Writes one row per item to the Parquet file <paramref name="path"/>: item_id (typed like the catalogue's key),
    /// cluster, label, keywords, distance.
    /// </summary>
    public static void Write(string path, ClusterInput input, ClusterAnalysisResult result)
    {
        var schema = new TableSchema("clusters",
        [
            new ColumnSpec("item_id", input.IdKind),
            new ColumnSpec("cluster", ColumnKind.Int64),
            new ColumnSpec("label", ColumnKind.String),
            new ColumnSpec("keywords", ColumnKind.StringList),
            new ColumnSpec("distance", ColumnKind.Double),
        ]);
        int n = input.Ids.Length;
        var batch = new ColumnBatch(schema, n);
        for (int i = 0; i < n; i++)
        {
            int c = result.Model.Assignments[i];
            switch (batch.Columns[0])
            {
                case long[] longs:
                    longs[i] = long.Parse(input.Ids[i], CultureInfo.InvariantCulture);
                    break;
                case Guid[] uuids:
                    uuids[i] = Guid.Parse(input.Ids[i]);
                    break;
                default:
                    batch.Column<string>(0)[i] = input.Ids[i];
                    break;
            }

            batch.Column<long>(1)[i] = c;
            batch.Column<string>(2)[i] = result.Labels[c];
            batch.Column<string[]>(3)[i] = result.Keywords[c];
            batch.Column<double>(4)[i] = result.Model.Distances[i];
        }

        batch.Count = n;
        using var writer = new ParquetTableWriter(path, schema, new TableWriterOptions(1 << 20));
        writer.Write(batch);
        writer.Complete();
    }
}
