using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace RecForge.Generation;

/// <summary>
/// The taste positions of the most popular items, one row per popularity rank, in one pinned block that the preference
/// picks can fetch ahead of use (<see cref="Prefetch"/>) and that Linux may back with 2 MB pages.
/// </summary>
/// <remarks>
/// A catalogue of a million items at 32 dimensions holds 128 MB of positions, and a Zipf proposal reaches past the
/// first hundred thousand ranks on about one attempt in six: with 4 KB pages nearly each of those is a TLB miss on
/// top of a cache miss (a two-level page walk in a virtual machine). Huge pages took a 12M-interaction run over a
/// million items from 12.5–13.7 s to 11.5–12.8 s (docs/benchmarks.md, issue 19). The advice only changes where the
/// numbers live, never what they are.
/// </remarks>
internal sealed unsafe class RankPositions
{
    private const int MadviseHugePage = 14; // MADV_HUGEPAGE, <linux/mman.h>
    private const long HugePageBytes = 2 << 20;

    private readonly float[] _values;
    private readonly float* _first;
    private readonly int _dimensions;

    /// <summary>Room for <paramref name="ranks"/> positions of <paramref name="dimensions"/> floats, to be written before they are read.</summary>
    public RankPositions(long ranks, int dimensions)
    {
        _dimensions = dimensions;

        // Uninitialised: every row is written by the catalogue before any is read, and pages not yet touched can still
        // become huge pages when advised.
        _values = GC.AllocateUninitializedArray<float>(checked((int)(ranks * dimensions)), pinned: true);
        if (_values.Length > 0)
        {
            _first = (float*)Marshal.UnsafeAddrOfPinnedArrayElement(_values, 0);
            AdviseHugePages((nint)_first, (long)_values.Length * sizeof(float));
        }
    }

    /// <summary>Bytes held.</summary>
    public long Bytes => (long)_values.Length * sizeof(float);

    /// <summary>The row of popularity rank <paramref name="rank"/> (1-based).</summary>
    public Span<float> Row(long rank) => _values.AsSpan((int)((rank - 1) * _dimensions), _dimensions);

    /// <summary>Asks the processor to start loading the row of <paramref name="rank"/>; a hint, with no effect on any value.</summary>
    public void Prefetch(long rank)
    {
        if (Sse.IsSupported)
        {
            float* row = _first + (rank - 1) * _dimensions;
            Sse.Prefetch0(row);
            Sse.Prefetch0(row + _dimensions - 1);
        }
    }

    // The 2 MB-aligned part of the block, advised before its pages are first touched. Anything that fails (another
    // system, huge pages off, an old kernel) leaves ordinary pages.
    private static void AdviseHugePages(nint start, long bytes)
    {
        if (!OperatingSystem.IsLinux() || bytes < 2 * HugePageBytes)
        {
            return;
        }

        long begin = (start + HugePageBytes - 1) & ~(HugePageBytes - 1);
        long end = (start + bytes) & ~(HugePageBytes - 1);
        try
        {
            _ = Madvise((nint)begin, (nuint)(end - begin), MadviseHugePage);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
        }
    }

    [DllImport("libc", EntryPoint = "madvise")]
    private static extern int Madvise(nint address, nuint length, int advice);
}
