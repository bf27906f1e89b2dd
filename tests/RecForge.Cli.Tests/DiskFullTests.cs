using System.Diagnostics;
using RecForge.Output;

namespace RecForge.Cli.Tests;

/// <summary>Disk full: a clear one-line error, nothing under a final name that is not complete, and a rerun resumes once space is freed.</summary>
public sealed class DiskFullTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Cli.TempDirectory();

    private static int Mount(string options, string target) => Sh($"mount -t tmpfs -o {options} tmpfs '{target}'");

    private static int Sh(string command)
    {
        using var p = Process.Start(new ProcessStartInfo("sh", ["-c", command + " 2>/dev/null"]))!;
        p.WaitForExit();
        return p.ExitCode;
    }

    [Fact]
    public void A_full_disk_is_reported_and_the_run_resumes_after_space_is_freed()
    {
        string volume = Path.Combine(_root, "volume");
        Directory.CreateDirectory(volume);
        if (Mount("size=3m", volume) != 0)
        {
            // A small filesystem needs mount rights (root, as in CI). CI must not skip this test.
            Assert.True(Environment.GetEnvironmentVariable("CI") is null, "CI runs as root and must be able to mount a tmpfs for the disk-full test");
            output.WriteLine("not root: disk-full test not run on this machine");
            return;
        }

        try
        {
            string[] args = ["generate", "media", "--items", "500", "--users", "300", "--interactions", "400000", "--embedding-type", "none", "--set", "output.partition_rows=100"];
            string dir = Path.Combine(volume, "out");

            // Given a 3 MB volume and a ~7 MB dataset, when it is generated
            var (code, stdout, error) = Cli.Run([.. args, "--out", dir]);

            // Then: exit 2, one line naming the folder and the cause, and only complete files under final names
            output.WriteLine(error);
            Assert.Equal(2, code);
            Assert.Single(error.TrimEnd('\n').Split('\n'));
            Assert.Contains("disk full", error, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(dir, Manifest.FileName)));

            // When space is freed and the same command runs again, then it completes and equals a run that never failed
            Assert.Equal(0, Sh($"mount -o remount,size=64m '{volume}'"));
            (code, _, error) = Cli.Run([.. args, "--out", dir]);
            Assert.True(code == 0, error);
            string reference = Path.Combine(_root, "reference");
            Assert.Equal(0, Cli.Run([.. args, "--out", reference]).ExitCode);
            Assert.Equal(File.ReadAllBytes(Path.Combine(reference, Manifest.FileName)), File.ReadAllBytes(Path.Combine(dir, Manifest.FileName)));
            Assert.Empty(Directory.GetFiles(dir, "*" + AtomicFile.TemporarySuffix, SearchOption.AllDirectories));
        }
        finally
        {
            // Lazy: a child process started by a parallel test may have inherited a native descriptor on the volume.
            Sh($"umount -l '{volume}'");
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
