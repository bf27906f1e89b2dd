using System.Diagnostics;

namespace RecForge.Cli.Tests.Postgres;

/// <summary>
/// PGlite (PostgreSQL 18 in WebAssembly) with the real pgvector extension, served over the wire protocol on
/// 127.0.0.1 by <c>tests/pglite/serve.mjs</c>; the node process is killed by id on dispose.
/// </summary>
public sealed class PgliteServer : IDisposable
{
    private readonly Process _node;

    public PgliteServer()
    {
        string folder = Path.Combine(RepositoryRoot(), "tests", "pglite");
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            throw new InvalidOperationException($"{folder}/node_modules missing: run `npm ci` there (./test.sh does)");
        }

        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("serve.mjs");
        start.ArgumentList.Add("0");
        _node = Process.Start(start)!;
        Task<string?> line = _node.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(60)) || line.Result is not { } ready || !ready.StartsWith("READY 127.0.0.1:", StringComparison.Ordinal))
        {
            _node.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"PGlite did not start: {_node.StandardError.ReadToEnd()}");
        }

        Port = int.Parse(ready[(ready.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public int Port { get; }

    // PGlite is one single-user backend: no pooling, so each command's connection is really closed after it.
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;SSL Mode=Disable;Pooling=false;Timeout=60;Command Timeout=300";

    public void Dispose()
    {
        _node.Kill(entireProcessTree: true);
        _node.WaitForExit(10_000);
        _node.Dispose();
    }

    private static string RepositoryRoot()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "RecForge.slnx")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return directory ?? throw new InvalidOperationException("repository root (RecForge.slnx) not found above " + AppContext.BaseDirectory);
    }
}
