using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace MidiSampler.Tests.Hardening;

/// <summary>The tiny hostile sample files of issue 20, byte for byte.</summary>
internal static class HostileSampleFiles
{
    /// <summary>A 48-byte mono 32-bit float WAV at 48 kHz holding the given values (one value: 48 bytes).</summary>
    public static byte[] FloatWav(params float[] values)
    {
        int dataBytes = values.Length * 4;
        var b = new byte[44 + dataBytes];
        "RIFF"u8.CopyTo(b);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(4), 36 + dataBytes);
        "WAVEfmt "u8.CopyTo(b.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(20), 3); // IEEE float
        BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(24), 48_000);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(28), 48_000 * 4);
        BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(32), 4);
        BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(34), 32);
        "data"u8.CopyTo(b.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(40), dataBytes);
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(44 + (4 * i)), values[i]);
        return b;
    }

    /// <summary>
    /// A Sony Wave64 file (GUID chunk ids, 64-bit sizes, 8-byte alignment) of mono 32-bit float at 48 kHz, which only
    /// the libsndfile path reads.
    /// </summary>
    public static byte[] FloatW64(params float[] values)
    {
        byte[] tail = [0xF3, 0xAC, 0xD3, 0x11, 0x8C, 0xD1, 0x00, 0xC0, 0x4F, 0x8E, 0xDB, 0x8A];
        byte[] riffTail = [0x2E, 0x91, 0xCF, 0x11, 0xA5, 0xD6, 0x28, 0xDB, 0x04, 0xC1, 0x00, 0x00];
        int dataBytes = values.Length * 4;
        int dataChunk = 24 + dataBytes;
        int total = 40 + (24 + 16) + ((dataChunk + 7) & ~7);
        var b = new byte[total];
        "riff"u8.CopyTo(b);
        riffTail.CopyTo(b, 4);
        BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(16), total);
        "wave"u8.CopyTo(b.AsSpan(24));
        tail.CopyTo(b, 28);
        "fmt "u8.CopyTo(b.AsSpan(40));
        tail.CopyTo(b, 44);
        BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(56), 24 + 16);
        BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(64), 3);
        BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(66), 1);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(68), 48_000);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(72), 48_000 * 4);
        BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(76), 4);
        BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(78), 32);
        "data"u8.CopyTo(b.AsSpan(80));
        tail.CopyTo(b, 84);
        BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(96), dataChunk);
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(104 + (4 * i)), values[i]);
        return b;
    }

    /// <summary>
    /// A real Ogg Vorbis stream (mono, 44.1 kHz, 1 s) of a 440 Hz sine peaking at <paramref name="amplitude"/>, encoded
    /// by libsndfile (libvorbis) from float input, which it does not clip: Vorbis is a floating-point codec, so a loud
    /// stream decodes past ±16 (amplitude 40 comes back at about ±40.7). sox cannot make one: it clips at full scale.
    /// </summary>
    public static unsafe byte[] LoudVorbis(string path, float amplitude)
    {
        const int Rate = 44_100;
        var info = new SfInfo { SampleRate = Rate, Channels = 1, Format = 0x200000 | 0x0060 }; // SF_FORMAT_OGG | SF_FORMAT_VORBIS
        byte[] name = Encoding.UTF8.GetBytes(path + "\0");
        nint file;
        fixed (byte* p = name)
            file = NativeMethods.sf_open(p, 0x20, &info); // SFM_WRITE
        if (file == 0)
            throw new InvalidOperationException($"libsndfile cannot write {path}");
        var values = new float[Rate];
        for (int i = 0; i < values.Length; i++)
            values[i] = amplitude * MathF.Sin(2 * MathF.PI * 440 * i / Rate);
        long written;
        fixed (float* v = values)
            written = NativeMethods.sf_writef_float(file, v, values.Length);
        _ = NativeMethods.sf_close(file);
        if (written != values.Length)
            throw new InvalidOperationException($"libsndfile wrote {written} of {values.Length} frames to {path}");
        return File.ReadAllBytes(path);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct SfInfo
    {
        public long Frames;
        public int SampleRate;
        public int Channels;
        public int Format;
        public int Sections;
        public int Seekable;
    }

    private static unsafe class NativeMethods
    {
        [DllImport("libsndfile.so.1")]
        public static extern nint sf_open(byte* path, int mode, SfInfo* info);

        [DllImport("libsndfile.so.1")]
        public static extern long sf_writef_float(nint file, float* values, long frames);

        [DllImport("libsndfile.so.1")]
        public static extern int sf_close(nint file);
    }
}
