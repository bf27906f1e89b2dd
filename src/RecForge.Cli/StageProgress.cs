using System.Diagnostics;
using System.Globalization;

namespace RecForge.Cli;

/// <summary>
/// Progress of work made of named stages (fit, evaluate): on a terminal, one line on standard error rewritten in place
/// with the stage, the time spent in it and in all; silent when standard error is redirected or is not the console.
/// </summary>
internal sealed class StageProgress(TextWriter stderr)
{
    private readonly bool _interactive = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
    private readonly Stopwatch _total = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private int _width;

    /// <summary>A new stage begins (thread-safe; callers may report from worker threads).</summary>
    public void Stage(string name)
    {
        if (!_interactive)
        {
            return;
        }

        lock (_gate)
        {
            string line = string.Create(CultureInfo.InvariantCulture, $"  {name} ... ({_total.Elapsed.TotalSeconds:F0} s)");
            stderr.Write('\r' + line.PadRight(_width));
            _width = line.Length;
        }
    }

    /// <summary>Clears the line.</summary>
    public void Done()
    {
        if (_interactive && _width > 0)
        {
            stderr.Write('\r' + new string(' ', _width) + '\r');
        }
    }
}
