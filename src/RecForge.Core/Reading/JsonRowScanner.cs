using System.Buffers;

namespace RecForge.Reading;

/// <summary>
/// Finds the row objects of RecForge's JSON files without holding a file in memory: one object per line (JSON Lines),
/// or the objects of the array named after the table in a JSON document (<c>{"metadata": …, "users": [rows…], …}</c>).
/// A byte scanner that tracks strings and nesting; each row is handed out whole, to be parsed on its own.
/// </summary>
internal static class JsonRowScanner
{
    /// <summary>
    /// The bytes of each row object in <paramref name="stream"/>; <paramref name="arrayName"/> null for top-level objects
    /// (JSON Lines), else the property at the top level whose array holds the rows. The memory is reused for the next row.
    /// </summary>
    public static IEnumerable<ReadOnlyMemory<byte>> Rows(Stream stream, string? arrayName)
    {
        byte[] chunk = new byte[1 << 16];
        var row = new ArrayBufferWriter<byte>(1024);
        byte[]? wanted = arrayName is null ? null : System.Text.Encoding.UTF8.GetBytes(arrayName);
        var key = new ArrayBufferWriter<byte>(64);
        int depth = 0, rowDepth = arrayName is null ? 0 : 2;
        bool inString = false, escaped = false, inRows = arrayName is null, keyString = false;
        byte[]? lastKey = null;
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            int rowStart = row.WrittenCount > 0 ? 0 : -1;
            for (int i = 0; i < read; i++)
            {
                byte b = chunk[i];
                if (inString)
                {
                    if (keyString && !(b == '"' && !escaped))
                    {
                        key.Write([b]);
                    }

                    if (escaped)
                    {
                        escaped = false;
                    }
                    else if (b == '\\')
                    {
                        escaped = true;
                    }
                    else if (b == '"')
                    {
                        inString = false;
                        if (keyString)
                        {
                            lastKey = key.WrittenSpan.ToArray();
                            keyString = false;
                        }
                    }

                    continue;
                }

                switch (b)
                {
                    case (byte)'"':
                        inString = true;
                        // A string at depth 1 outside the rows is a top-level key (or value): remember it.
                        keyString = wanted is not null && depth == 1;
                        key.ResetWrittenCount();
                        break;
                    case (byte)'{' or (byte)'[':
                        if (wanted is not null && depth == 1 && b == '[')
                        {
                            inRows = lastKey is not null && lastKey.AsSpan().SequenceEqual(wanted);
                        }

                        if (inRows && depth == rowDepth && b == '{')
                        {
                            rowStart = i;
                        }

                        depth++;
                        break;
                    case (byte)'}' or (byte)']':
                        depth--;
                        if (inRows && depth == rowDepth && b == '}' && rowStart >= 0)
                        {
                            row.Write(chunk.AsSpan(rowStart, i + 1 - rowStart));
                            yield return row.WrittenMemory;
                            row.ResetWrittenCount();
                            rowStart = -1;
                        }
                        else if (wanted is not null && depth == 1 && b == ']')
                        {
                            inRows = false;
                        }

                        break;
                }
            }

            if (rowStart >= 0)
            {
                // The row goes on in the next chunk.
                row.Write(chunk.AsSpan(rowStart, read - rowStart));
            }
        }

        if (depth != 0 || inString)
        {
            throw new InvalidDataException("the JSON ends inside a value (truncated file?)");
        }
    }
}
