using System.Buffers.Binary;
using System.Text;

namespace MidiSampler.Tests.Formats.Midi;

/// <summary>Builds Standard MIDI File bytes by hand, to write what <c>MidiFileWriter</c> never does.</summary>
internal static class Smf
{
    /// <summary>An MThd chunk: format, track count, and the raw 16-bit division word.</summary>
    public static byte[] Header(int format, int tracks, int division, int length = 6)
    {
        var bytes = new byte[8 + length];
        "MThd"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), (uint)length);
        if (length >= 2)
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(8), (ushort)format);
        if (length >= 4)
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(10), (ushort)tracks);
        if (length >= 6)
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(12), (ushort)division);
        return bytes;
    }

    /// <summary>A chunk whose length field tells the truth.</summary>
    public static byte[] Chunk(string id, params byte[] data) => Chunk(id, (uint)data.Length, data);

    /// <summary>A chunk with any declared length, followed by <paramref name="data"/>.</summary>
    public static byte[] Chunk(string id, uint declaredLength, byte[] data)
    {
        var bytes = new byte[8 + data.Length];
        Encoding.ASCII.GetBytes(id).CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), declaredLength);
        data.CopyTo(bytes, 8);
        return bytes;
    }

    /// <summary>An MTrk chunk holding <paramref name="events"/> as given (no end-of-track added).</summary>
    public static byte[] Track(params byte[] events) => Chunk("MTrk", events);

    /// <summary>The end-of-track meta event with a zero delta.</summary>
    public static readonly byte[] EndOfTrack = [0x00, 0xFF, 0x2F, 0x00];

    /// <summary>Concatenates parts.</summary>
    public static byte[] Join(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
