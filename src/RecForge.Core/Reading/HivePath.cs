namespace RecForge.Reading;

/// <summary>Hive partition values in a file's relative path (<c>genre=Drama/part-0.csv</c>), unescaped.</summary>
internal static class HivePath
{
    /// <summary>Column → value for every <c>name=value</c> directory of <paramref name="relativePath"/> ('/'-separated).</summary>
    public static Dictionary<string, string> Values(string relativePath)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] parts = relativePath.Split('/');
        for (int i = 0; i < parts.Length - 1; i++)
        {
            int eq = parts[i].IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                values[parts[i][..eq]] = Uri.UnescapeDataString(parts[i][(eq + 1)..]);
            }
        }

        return values;
    }
}
