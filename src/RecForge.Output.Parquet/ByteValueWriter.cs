using System.Runtime.InteropServices;
using ParquetSharp;
using TextEncoding = System.Text.Encoding;

namespace RecForge.Output.Parquet;

/// <summary>
/// Writes strings and UUIDs to the physical column writer from one pinned buffer kept for the whole file. ParquetSharp's
/// logical writer converts them into blocks it pins, frees and allocates again every 4,096 values (~30 bytes allocated
/// a row on an interactions table); this writer makes the same physical calls — chunks of 4,096 rows, the same values
/// and levels — so the file's bytes are the same.
/// </summary>
/// <remarks>The native writer copies values into its pages, dictionary and statistics during each call (ParquetSharp
/// frees its own blocks right after it), so the buffer is reused from call to call.</remarks>
internal sealed class ByteValueWriter
{
    // Rows per physical call: ParquetSharp's default logical buffer length, so that calls split the same way.
    private const int Chunk = 4096;
    private const int UuidLength = 16;

    private readonly ByteArray[] _values = new ByteArray[Chunk];
    private readonly FixedLenByteArray[] _uuids = new FixedLenByteArray[Chunk];
    private readonly short[] _definitions = new short[Chunk];

    // On the pinned object heap: its address never changes, so it is taken without pinning anything per call.
    private byte[] _bytes = GC.AllocateUninitializedArray<byte>(Chunk * UuidLength, pinned: true);

    /// <summary>Writes UUIDs in the big-endian layout of Parquet's UUID logical type (a required column).</summary>
    public void WriteUuids(ColumnWriter<FixedLenByteArray> writer, Guid[] values, int offset, int count)
    {
        for (int done = 0; done < count;)
        {
            int n = Math.Min(Chunk, count - done);
            IntPtr start = Marshal.UnsafeAddrOfPinnedArrayElement(_bytes, 0);
            for (int i = 0; i < n; i++)
            {
                values[offset + done + i].TryWriteBytes(_bytes.AsSpan(i * UuidLength, UuidLength), bigEndian: true, out _);
                _uuids[i] = new FixedLenByteArray(start + (i * UuidLength));
            }

            writer.WriteBatch(n, null, null, _uuids);
            done += n;
        }
    }

    /// <summary>Writes strings as UTF-8 to an optional column: a null string is a null value (definition level 0).</summary>
    public void WriteStrings(ColumnWriter<ByteArray> writer, string?[] values, int offset, int count)
    {
        if (writer.ColumnDescriptor.MaxDefinitionLevel != 1 || writer.ColumnDescriptor.MaxRepetitionLevel != 0)
        {
            throw new InvalidOperationException($"{writer.ColumnDescriptor.Name}: strings are written to an optional top-level column");
        }

        for (int done = 0; done < count;)
        {
            int n = Math.Min(Chunk, count - done);
            int bytes = 0;
            for (int i = 0; i < n; i++)
            {
                string? s = values[offset + done + i];
                bytes += s is null ? 0 : TextEncoding.UTF8.GetByteCount(s);
            }

            if (bytes > _bytes.Length)
            {
                _bytes = GC.AllocateUninitializedArray<byte>(Math.Max(bytes, 2 * _bytes.Length), pinned: true);
            }

            IntPtr start = Marshal.UnsafeAddrOfPinnedArrayElement(_bytes, 0);
            int at = 0, defined = 0;
            for (int i = 0; i < n; i++)
            {
                string? s = values[offset + done + i];
                if (s is null)
                {
                    _definitions[i] = 0;
                    continue;
                }

                int length = TextEncoding.UTF8.GetBytes(s, _bytes.AsSpan(at));
                _values[defined++] = new ByteArray(start + at, length);
                _definitions[i] = 1;
                at += length;
            }

            writer.WriteBatch(n, _definitions, null, _values);
            done += n;
        }
    }
}
