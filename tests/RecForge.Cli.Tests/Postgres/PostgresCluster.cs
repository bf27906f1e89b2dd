using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RecForge.Cli.Tests.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster from Debian's <c>postgresql</c> package: <c>initdb</c> in a temporary folder, the
/// server on a free loopback port, stopped (by process id if <c>pg_ctl stop</c> fails) and deleted on dispose.
/// initdb refuses root, so as root the cluster belongs to the package's <c>postgres</c> user.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private readonly string _root;
    private readonly string _bin;
    private readonly bool _asPostgres;

    public PostgresCluster()
    {
        _bin = FindBin() ?? throw new InvalidOperationException("PostgreSQL server binaries not found: install Debian's postgresql package (./test.sh does)");
        _asPostgres = Environment.UserName == "root";
        _root = Path.Combine(Path.GetTempPath(), "recforge-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
        if (_asPostgres)
        {
            Run("chown", "postgres", _root);
        }

        string data = Path.Combine(_root, "data");
        RunAsOwner(Path.Combine(_bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
        Port = FreePort();
        RunAsOwner(Path.Combine(_bin, "pg_ctl"), "-D", data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "start",
            "-o", $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=20");
        ProcessId = int.Parse(File.ReadLines(Path.Combine(data, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public int Port { get; }

    /// <summary>The postmaster's process id.</summary>
    public int ProcessId { get; }

    public string ConnectionString(string? applicationName = null)
        => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false{(applicationName is null ? "" : $";Application Name={applicationName}")}";

    public void Dispose()
    {
        try
        {
            RunAsOwner(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_root, "data"), "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Fall through to the kill below.
        }

        try
        {
            using Process postmaster = Process.GetProcessById(ProcessId);
            postmaster.Kill(entireProcessTree: true);
            postmaster.WaitForExit(10_000);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }

        Directory.Delete(_root, recursive: true);
    }

    private static string? FindBin()
    {
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            foreach (string version in Directory.GetDirectories("/usr/lib/postgresql").OrderDescending(StringComparer.Ordinal))
            {
                if (File.Exists(Path.Combine(version, "bin", "initdb")))
                {
                    return Path.Combine(version, "bin");
                }
            }
        }

        return null;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void RunAsOwner(string program, params string[] args)
    {
        if (_asPostgres)
        {
            Run("runuser", ["-u", "postgres", "--", program, .. args]);
        }
        else
        {
            Run(program, args);
        }
    }

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp" };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process p = Process.Start(start)!;
        Task<string> output = p.StandardOutput.ReadToEndAsync();
        string error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({p.ExitCode}): {error}{output.Result}");
        }
    }
}
