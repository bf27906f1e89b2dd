using RecForge.Ids;
using RecForge.Scenarios;
using RecForge.World;

namespace RecForge.Generation;

/// <summary>Writes an attribute's cell into its output column (a creator reference as the creator's id; float16 vectors packed).</summary>
internal static class CellStore
{
    /// <summary>Writes cell <paramref name="c"/> of attribute <paramref name="a"/> into row <paramref name="row"/> of <paramref name="column"/>.</summary>
    public static void Store(AttributeDefinition a, Cell c, ulong seed, Array column, int row)
    {
        if (a is WorldAttribute { Kind: WorldValueKind.Creator, Creator: { } link })
        {
            IdValue.Of(link.IdFormat, seed, WorldModel.CreatorsKind, (long)c.Number).WriteTo(column, row);
            return;
        }

        switch (column)
        {
            case long[] l:
                l[row] = (long)c.Number;
                break;
            case double[] d:
                d[row] = c.Number;
                break;
            case string[] s:
                s[row] = c.Text!;
                break;
            case string[][] lists:
                lists[row] = c.List!;
                break;
            case byte[][] halves:
                Span<byte> packed = halves[row];
                float[] vector = c.Vector!;
                if (BitConverter.IsLittleEndian)
                {
                    // The packed layout is little-endian halves: on such a machine, the values' own bytes.
                    Span<Half> values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Half>(packed)[..vector.Length];
                    for (int i = 0; i < values.Length; i++)
                    {
                        values[i] = (Half)vector[i];
                    }
                }
                else
                {
                    for (int i = 0; i < vector.Length; i++)
                    {
                        System.Buffers.Binary.BinaryPrimitives.WriteHalfLittleEndian(packed[(2 * i)..], (Half)vector[i]);
                    }
                }

                break;
        }
    }
}
