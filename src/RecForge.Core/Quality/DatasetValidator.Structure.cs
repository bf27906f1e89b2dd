using RecForge.Output;

namespace RecForge.Quality;

/// <summary>The dataset's own structure: the manifest's files and checksums, each table's columns.</summary>
public static partial class DatasetValidator
{
    /// <summary>The manifest's own checks: every file present with its size and SHA-256, and the table row counts.</summary>
    public static IEnumerable<QualityCheck> ManifestChecks(string directory, Manifest manifest)
    {
        int bad = 0, total = 0;
        string? first = null;
        foreach (ManifestTable table in manifest.Tables)
        {
            foreach (ManifestFile file in table.Files)
            {
                total++;
                string path = Path.Combine(directory, file.Path);
                string? problem = !File.Exists(path) ? "missing"
                    : new FileInfo(path).Length != file.Bytes ? $"{new FileInfo(path).Length:N0} bytes, manifest says {file.Bytes:N0}"
                    : FileChecksum.Sha256(path) != file.Sha256 ? "SHA-256 differs from the manifest" : null;
                if (problem is not null)
                {
                    bad++;
                    first ??= $"{file.Path}: {problem}";
                }
            }
        }

        yield return new QualityCheck("manifest.files", Structure, bad == 0, $"{total - bad:N0} of {total:N0} files match", "size and SHA-256 as in the manifest", first ?? "");
    }

    /// <summary>Compares the columns read with those the scenario writes (names and types; partition columns included).</summary>
    public static QualityCheck SchemaCheck(TableView table, TableSchema expected)
    {
        static string Kind(ColumnKind k) => k == ColumnKind.HalfVector ? nameof(ColumnKind.FloatVector) : k.ToString();
        var have = table.Schema.Columns.ToDictionary(c => c.Name, c => Kind(c.Kind), StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (ColumnSpec c in expected.Columns)
        {
            if (!have.TryGetValue(c.Name, out string? kind))
            {
                problems.Add($"missing {c.Name}");
            }
            else if (kind != Kind(c.Kind))
            {
                problems.Add($"{c.Name} is {kind}, expected {Kind(c.Kind)}");
            }
        }

        foreach (string extra in have.Keys.Where(n => expected.IndexOf(n) < 0))
        {
            problems.Add($"unexpected {extra}");
        }

        return new QualityCheck($"schema.{table.Name}", Structure, problems.Count == 0, $"{table.Schema.Columns.Count} columns", $"the {expected.Columns.Count} columns of the scenario",
            string.Join("; ", problems));
    }
}
