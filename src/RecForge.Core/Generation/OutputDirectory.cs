using RecForge.Output;

namespace RecForge.Generation;

/// <summary>Prepares an output directory for a run: fresh, resumed, or one shard of several sharing it.</summary>
internal static class OutputDirectory
{
    /// <summary>
    /// Checks the directory (created with the run's lock) is writable. A directory holding another run's partitions is cleared
    /// (or refused, for a shard, since other shards may be writing there). Temporary files left by a killed run are
    /// deleted — for a shard only those of its own partitions.
    /// </summary>
    public static void Prepare(string root, IReadOnlyList<string> tables, PartitionLedger ledger, ShardSpec shard, IReadOnlySet<(string Table, int Index)> owned)
    {
        // The generator has checked that root is not a file, and created it when it took the folder's lock.
        string probe = Path.Combine(root, $".recforge-write-test-{Environment.ProcessId}{AtomicFile.TemporarySuffix}");
        File.WriteAllText(probe, "");
        File.Delete(probe);

        bool foreign = ledger.HasForeignRecords();
        bool fresh = !Directory.Exists(Path.Combine(root, PartitionLedger.DirectoryName));
        if (foreign && shard.IsPartial)
        {
            throw new OutputException($"{root}: holds partitions of a different run (scenario, seed, format or version); give shards a fresh directory");
        }

        if ((foreign || fresh) && !shard.IsPartial)
        {
            // A fresh run replaces the tables it writes; other files in the directory are left alone.
            ledger.Clear();
            foreach (string table in tables)
            {
                string directory = Path.Combine(root, table);
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
        }

        foreach (string table in tables)
        {
            string directory = Path.Combine(root, table);
            if (!Directory.Exists(directory))
            {
                continue;
            }

            foreach (string temporary in Directory.GetFiles(directory, "*" + AtomicFile.TemporarySuffix, SearchOption.AllDirectories))
            {
                if (!shard.IsPartial || (PartitionIndex(temporary) is int index && owned.Contains((table, index))))
                {
                    File.Delete(temporary);
                }
            }
        }
    }

    /// <summary>The partition number in a file name such as <c>part-00012.parquet.rftmp</c>.</summary>
    private static int? PartitionIndex(string path)
    {
        string name = Path.GetFileName(path);
        return name.StartsWith("part-", StringComparison.Ordinal) && name.Length >= 10
            && int.TryParse(name.AsSpan(5, 5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index)
            ? index
            : null;
    }
}
