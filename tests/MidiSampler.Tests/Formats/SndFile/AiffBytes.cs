using System.Buffers.Binary;
using System.Text;

namespace MidiSampler.Tests.Formats.SndFile;

/// <summary>
/// Writes small AIFF files by hand (Audio IFF 1.3): sox writes AIFF but no INST/MARK chunks, which carry the loop and
/// the base note. Big-endian throughout; the sample rate is an 80-bit IEEE extended float.
/// </summary>
internal static class AiffBytes
{
    /// <summary>A 16-bit AIFF with a sustain loop between markers at <paramref name="loopStart"/> and <paramref name="loopEnd"/> (exclusive).</summary>
    public static byte[] Mono16(short[] values, int sampleRate, int baseNote, sbyte detuneCents, int loopStart, int loopEnd, short loopMode = 1)
    {
        var comm = new byte[18];
        BinaryPrimitives.WriteInt16BigEndian(comm, 1);
        BinaryPrimitives.WriteUInt32BigEndian(comm.AsSpan(2), (uint)values.Length);
        BinaryPrimitives.WriteInt16BigEndian(comm.AsSpan(6), 16);
        WriteExtended(sampleRate, comm.AsSpan(8));

        // MARK: count, then per marker id (2), position (4), a Pascal string (count byte + text, padded to even).
        var mark = new List<byte> { 0, 2 };
        foreach (var (id, position, name) in new[] { (1, loopStart, "beg loop"), (2, loopEnd, "end loop") })
        {
            mark.AddRange([(byte)(id >> 8), (byte)id]);
            mark.AddRange(BigEndian32(position));
            mark.Add((byte)name.Length);
            mark.AddRange(Encoding.ASCII.GetBytes(name));
            if ((name.Length + 1) % 2 == 1)
                mark.Add(0);
        }

        // INST: baseNote, detune, lowNote, highNote, lowVelocity, highVelocity, gain (2), sustain loop, release loop
        // (each: playMode (2), begin marker id (2), end marker id (2)).
        var inst = new byte[20];
        inst[0] = (byte)baseNote;
        inst[1] = unchecked((byte)detuneCents);
        inst[2] = 0;
        inst[3] = 127;
        inst[4] = 1;
        inst[5] = 127;
        BinaryPrimitives.WriteInt16BigEndian(inst.AsSpan(8), loopMode);
        BinaryPrimitives.WriteInt16BigEndian(inst.AsSpan(10), 1);
        BinaryPrimitives.WriteInt16BigEndian(inst.AsSpan(12), 2);

        var ssnd = new byte[8 + (2 * values.Length)];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteInt16BigEndian(ssnd.AsSpan(8 + (2 * i)), values[i]);

        var body = new List<byte>(Encoding.ASCII.GetBytes("AIFF"));
        body.AddRange(Chunk("COMM", comm));
        body.AddRange(Chunk("MARK", [.. mark]));
        body.AddRange(Chunk("INST", inst));
        body.AddRange(Chunk("SSND", ssnd));
        return Chunk("FORM", [.. body]);
    }

    private static byte[] Chunk(string id, byte[] body)
    {
        var c = new byte[8 + body.Length + (body.Length & 1)];
        Encoding.ASCII.GetBytes(id, c);
        BinaryPrimitives.WriteUInt32BigEndian(c.AsSpan(4), (uint)body.Length);
        body.CopyTo(c, 8);
        return c;
    }

    private static byte[] BigEndian32(int value)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, value);
        return b;
    }

    /// <summary>A positive integer as an 80-bit extended float: 15-bit biased exponent, then a 64-bit mantissa with an explicit leading 1.</summary>
    private static void WriteExtended(int value, Span<byte> destination)
    {
        int exponent = 63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)value);
        ulong mantissa = (ulong)value << (63 - exponent);
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(16383 + exponent));
        BinaryPrimitives.WriteUInt64BigEndian(destination[2..], mantissa);
    }
}
