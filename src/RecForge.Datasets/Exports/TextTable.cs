using System.Text;
using RecForge.Output;

namespace RecForge.Datasets.Exports;

/// <summary>A delimited text file written atomically (it appears under its name only when complete).</summary>
internal sealed class TextTable : IDisposable
{
    private readonly AtomicFile _file;
    private readonly StreamWriter _writer;
    private readonly char _separator;

    public TextTable(string path, char separator, IReadOnlyList<string>? header)
    {
        _file = new AtomicFile(path);
        _writer = new StreamWriter(_file.TemporaryPath, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        _separator = separator;
        if (header is not null)
        {
            Row(header);
        }
    }

    public long Rows { get; private set; }

    public void Row(IReadOnlyList<string> cells)
    {
        for (int c = 0; c < cells.Count; c++)
        {
            if (c > 0)
            {
                _writer.Write(_separator);
            }

            _writer.Write(cells[c]);
        }

        _writer.WriteLine();
        Rows++;
    }

    public void Complete()
    {
        _writer.Dispose();
        _file.Commit(Rows);
    }

    public void Dispose()
    {
        _writer.Dispose();
        _file.Dispose();
    }
}
