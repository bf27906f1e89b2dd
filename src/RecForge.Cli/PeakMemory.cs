using System.Globalization;

namespace RecForge.Cli;

/// <summary>The process's peak resident memory, native allocations (Parquet, DuckDB) included.</summary>
internal static class PeakMemory
{
    /// <summary>Peak resident bytes of this process so far.</summary>
    public static long Bytes()
    {
        // Linux: VmHWM in /proc/self/status is the high-water mark of the resident set, in kB.
        if (File.Exists("/proc/self/status"))
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }

        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
