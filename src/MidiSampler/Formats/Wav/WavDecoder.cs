using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using MidiSampler.Dsp;
using MidiSampler.Model;

namespace MidiSampler.Formats.Wav;

/// <summary>
/// Converts whole blocks of WAV sample bytes to float32. Any thread; allocation-free.
/// </summary>
/// <remarks>
/// Design: integer PCM of n bits is scaled by 1/2^(n-1), the convention of libsndfile's and sox's
/// readers, so 16-bit full scale maps to [-1, 1) and 24-bit values keep all their bits (a 24-bit
/// integer times a power of two is exact in float32). 16-bit, the common case, has a
/// <see cref="Vector{T}"/> path beside the scalar one; tests compare the two.
/// </remarks>
internal static class WavDecoder
{
    private const float Scale8 = 1f / 128;
    private const float Scale16 = 1f / 32_768;
    private const float Scale32 = 1f / 2_147_483_648;

    /// <summary>Decodes <paramref name="source"/> (whole samples) into <paramref name="destination"/>, one float per sample.</summary>
    /// <returns>How many decoded float values were NaN, infinite or out of range and were made safe (<see cref="SampleSanitizer"/>).</returns>
    public static int Decode(WavEncoding encoding, ReadOnlySpan<byte> source, Span<float> destination)
    {
        switch (encoding)
        {
            case WavEncoding.Pcm8:
                DecodePcm8(source, destination);
                return 0;
            case WavEncoding.Pcm16:
                if (Vector.IsHardwareAccelerated && BitConverter.IsLittleEndian)
                    DecodePcm16Vector(source, destination);
                else
                    DecodePcm16Scalar(source, destination);
                return 0;
            case WavEncoding.Pcm24:
                DecodePcm24(source, destination);
                return 0;
            case WavEncoding.Pcm32:
                DecodePcm32(source, destination);
                return 0;
            case WavEncoding.Float32:
                DecodeFloat32(source, destination);
                return SampleSanitizer.Sanitize(destination[..(source.Length / 4)]);
            case WavEncoding.Float64:
                DecodeFloat64(source, destination);
                return SampleSanitizer.Sanitize(destination[..(source.Length / 8)]);
            default:
                throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "unknown encoding");
        }
    }

    /// <summary>
    /// How samples of <paramref name="encoding"/> are held in memory: 8- and 16-bit PCM as 16-bit integers (exact, half the
    /// memory of float), everything else as float (24-bit PCM is exact in float's 24-bit mantissa, and one format fewer
    /// keeps the kernels simple; 24-in-32 integers would take the same 4 bytes).
    /// </summary>
    public static SampleFormat StorageFormat(WavEncoding encoding) =>
        encoding is WavEncoding.Pcm8 or WavEncoding.Pcm16 ? SampleFormat.Int16 : SampleFormat.Float32;

    /// <summary>
    /// Decodes <paramref name="source"/> into <paramref name="destination"/> as values of <paramref name="format"/>
    /// (<see cref="StorageFormat"/>, or float). Returns what <see cref="Decode"/> returns.
    /// </summary>
    public static int DecodeTo(WavEncoding encoding, SampleFormat format, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (format == SampleFormat.Float32)
            return Decode(encoding, source, MemoryMarshal.Cast<byte, float>(destination));
        var values = MemoryMarshal.Cast<byte, short>(destination);
        if (encoding == WavEncoding.Pcm8)
        {
            // (u8 − 128) / 128 = ((u8 − 128) · 256) / 32768: exact.
            for (int i = 0; i < source.Length; i++)
                values[i] = (short)((source[i] - 128) << 8);
            return 0;
        }

        if (encoding != WavEncoding.Pcm16)
            throw new ArgumentOutOfRangeException(nameof(format), format, "only 8- and 16-bit PCM can be stored as 16-bit");
        if (BitConverter.IsLittleEndian)
        {
            source[..(source.Length & ~1)].CopyTo(destination);
            return 0;
        }

        for (int i = 0; i < source.Length / 2; i++)
            values[i] = BinaryPrimitives.ReadInt16LittleEndian(source[(2 * i)..]);
        return 0;
    }

    /// <summary>Bytes one sample of <paramref name="encoding"/> occupies.</summary>
    public static int BytesPerSample(WavEncoding encoding) => encoding switch
    {
        WavEncoding.Pcm8 => 1,
        WavEncoding.Pcm16 => 2,
        WavEncoding.Pcm24 => 3,
        WavEncoding.Pcm32 or WavEncoding.Float32 => 4,
        WavEncoding.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "unknown encoding"),
    };

    internal static void DecodePcm8(ReadOnlySpan<byte> source, Span<float> destination)
    {
        destination = destination[..source.Length];
        for (int i = 0; i < source.Length; i++)
            destination[i] = (source[i] - 128) * Scale8;
    }

    internal static void DecodePcm16Scalar(ReadOnlySpan<byte> source, Span<float> destination)
    {
        int count = source.Length / 2;
        destination = destination[..count];
        for (int i = 0; i < count; i++)
            destination[i] = BinaryPrimitives.ReadInt16LittleEndian(source[(2 * i)..]) * Scale16;
    }

    internal static void DecodePcm16Vector(ReadOnlySpan<byte> source, Span<float> destination)
    {
        // Little-endian hosts only: the bytes are then the shorts' own memory layout.
        ReadOnlySpan<short> samples = MemoryMarshal.Cast<byte, short>(source[..(source.Length & ~1)]);
        destination = destination[..samples.Length];
        var scale = new Vector<float>(Scale16);
        int width = Vector<short>.Count;
        int half = Vector<int>.Count;
        int i = 0;
        for (; i <= samples.Length - width; i += width)
        {
            Vector.Widen(new Vector<short>(samples[i..]), out Vector<int> low, out Vector<int> high);
            (Vector.ConvertToSingle(low) * scale).CopyTo(destination[i..]);
            (Vector.ConvertToSingle(high) * scale).CopyTo(destination[(i + half)..]);
        }

        for (; i < samples.Length; i++)
            destination[i] = samples[i] * Scale16;
    }

    internal static void DecodePcm24(ReadOnlySpan<byte> source, Span<float> destination)
    {
        int count = source.Length / 3;
        destination = destination[..count];
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> b = source.Slice(3 * i, 3);
            // Placed in the top 24 bits of an int: the sign comes for free, and the value times 2^-31
            // is exact in float32 (at most 24 significant bits).
            int value = (b[0] << 8) | (b[1] << 16) | (b[2] << 24);
            destination[i] = value * Scale32;
        }
    }

    internal static void DecodePcm32(ReadOnlySpan<byte> source, Span<float> destination)
    {
        int count = source.Length / 4;
        destination = destination[..count];
        for (int i = 0; i < count; i++)
            destination[i] = BinaryPrimitives.ReadInt32LittleEndian(source[(4 * i)..]) * Scale32;
    }

    internal static void DecodeFloat32(ReadOnlySpan<byte> source, Span<float> destination)
    {
        int count = source.Length / 4;
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, float>(source[..(4 * count)]).CopyTo(destination);
            return;
        }

        for (int i = 0; i < count; i++)
            destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(4 * i)..]);
    }

    internal static void DecodeFloat64(ReadOnlySpan<byte> source, Span<float> destination)
    {
        int count = source.Length / 8;
        destination = destination[..count];
        for (int i = 0; i < count; i++)
            destination[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(source[(8 * i)..]);
    }
}
