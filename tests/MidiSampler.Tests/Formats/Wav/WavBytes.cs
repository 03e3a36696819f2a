using System.Buffers.Binary;
using System.Text;
using MidiSampler.Formats.Wav;
using MidiSampler.Model;

namespace MidiSampler.Tests.Formats.Wav;

/// <summary>Builds WAV files byte by byte, so that tests control every field (sizes, order, padding).</summary>
internal static class WavBytes
{
    public const string Name = "test.wav";

    /// <summary>A 16-byte WAVE_FORMAT_PCM/IEEE_FLOAT fmt body (or any other tag).</summary>
    public static byte[] Fmt(int tag, int channels, int sampleRate, int bits, int? blockAlign = null)
    {
        int align = blockAlign ?? (channels * ((bits + 7) / 8));
        var b = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)tag);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(8), (uint)(sampleRate * align));
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(12), (ushort)align);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(14), (ushort)bits);
        return b;
    }

    /// <summary>A 40-byte WAVE_FORMAT_EXTENSIBLE fmt body whose SubFormat is {subTag-0000-0010-8000-00AA00389B71}.</summary>
    public static byte[] FmtExtensible(int subTag, int channels, int sampleRate, int containerBits, int validBits, byte[]? guidTail = null)
    {
        var b = new byte[40];
        Fmt(0xFFFE, channels, sampleRate, containerBits).CopyTo(b, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(16), 22);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(18), (ushort)validBits);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(20), channels == 1 ? 0x4u : 0x3u);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(24), (uint)subTag);
        (guidTail ?? [0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]).CopyTo(b, 28);
        return b;
    }

    /// <summary>A chunk: ID, size, body and (unless <paramref name="pad"/> is false) the pad byte after an odd body.</summary>
    public static byte[] Chunk(string id, byte[] body, bool pad = true, uint? declaredSize = null)
    {
        bool addPad = pad && (body.Length & 1) != 0;
        var b = new byte[8 + body.Length + (addPad ? 1 : 0)];
        Encoding.ASCII.GetBytes(id).CopyTo(b, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), declaredSize ?? (uint)body.Length);
        body.CopyTo(b, 8);
        return b;
    }

    /// <summary>"RIFF", size, "WAVE", then the chunks; the size is the true one unless <paramref name="riffSize"/> is given.</summary>
    public static byte[] Riff(IEnumerable<byte[]> chunks, uint? riffSize = null)
    {
        var body = chunks.SelectMany(c => c).ToArray();
        var b = new byte[12 + body.Length];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(b, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), riffSize ?? (uint)(4 + body.Length));
        Encoding.ASCII.GetBytes("WAVE").CopyTo(b, 8);
        body.CopyTo(b, 12);
        return b;
    }

    public static byte[] Riff(params byte[][] chunks) => Riff((IEnumerable<byte[]>)chunks);

    /// <summary>A smpl body: unity note, pitch fraction and loops (type, start, end inclusive).</summary>
    public static byte[] Smpl(uint unityNote, uint pitchFraction, params (uint Type, uint Start, uint End)[] loops)
    {
        var b = new byte[36 + (24 * loops.Length)];
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(8), 22_676); // sample period of 44.1 kHz, in ns
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(12), unityNote);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(16), pitchFraction);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(28), (uint)loops.Length);
        for (int i = 0; i < loops.Length; i++)
        {
            var at = b.AsSpan(36 + (24 * i));
            BinaryPrimitives.WriteUInt32LittleEndian(at, (uint)i);
            BinaryPrimitives.WriteUInt32LittleEndian(at[4..], loops[i].Type);
            BinaryPrimitives.WriteUInt32LittleEndian(at[8..], loops[i].Start);
            BinaryPrimitives.WriteUInt32LittleEndian(at[12..], loops[i].End);
        }

        return b;
    }

    public static byte[] Pcm16(params short[] values)
    {
        var b = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(2 * i), values[i]);
        return b;
    }

    public static byte[] Pcm24(params int[] values)
    {
        var b = new byte[values.Length * 3];
        for (int i = 0; i < values.Length; i++)
        {
            b[3 * i] = (byte)values[i];
            b[(3 * i) + 1] = (byte)(values[i] >> 8);
            b[(3 * i) + 2] = (byte)(values[i] >> 16);
        }

        return b;
    }

    public static byte[] Pcm32(params int[] values)
    {
        var b = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(4 * i), values[i]);
        return b;
    }

    public static byte[] Float32(params float[] values)
    {
        var b = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(4 * i), values[i]);
        return b;
    }

    public static byte[] Float64(params double[] values)
    {
        var b = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteDoubleLittleEndian(b.AsSpan(8 * i), values[i]);
        return b;
    }

    /// <summary>A plain 16-bit mono file at 44.1 kHz holding <paramref name="values"/>.</summary>
    public static byte[] Mono16(params short[] values) => Riff(Chunk("fmt ", Fmt(1, 1, 44_100, 16)), Chunk("data", Pcm16(values)));

    public static Sample Read(byte[] file, List<string>? warnings = null)
    {
        using var stream = new MemoryStream(file, writable: false);
        return WavReader.Read(stream, Name, warnings);
    }

    /// <summary>All values of a sample, interleaved, without the guard frames.</summary>
    public static float[] Values(Sample sample)
    {
        var v = new float[sample.FrameCount * sample.Channels];
        for (int f = 0; f < sample.FrameCount; f++)
        {
            for (int c = 0; c < sample.Channels; c++)
                v[(f * sample.Channels) + c] = sample[f, c];
        }

        return v;
    }
}
