using System.Buffers.Binary;
using MidiSampler.Alsa.Native;
using MidiSampler.Formats.Wav;

namespace MidiSampler.Alsa;

/// <summary>
/// Interleaves the engine's planar stereo float output into a device's sample format. PCM formats are clipped and
/// rounded exactly as rendered WAV files are (<see cref="WavWriter"/>: scaled by 2^(bits−1), ties to even, no dither);
/// FLOAT_LE is written as is. Channels beyond the first two are written silent; a mono device gets (L + R) / 2.
/// Audio thread: no allocation.
/// </summary>
internal static class PcmSampleWriter
{
    /// <summary>Bytes per sample of a format.</summary>
    public static int BytesPerSample(PcmFormat format) => format switch
    {
        PcmFormat.S16_LE => 2,
        PcmFormat.S24_3LE => 3,
        _ => 4,
    };

    /// <summary>Writes <paramref name="left"/>/<paramref name="right"/> as <paramref name="channels"/> interleaved channels of <paramref name="format"/>.</summary>
    public static void Write(ReadOnlySpan<float> left, ReadOnlySpan<float> right, PcmFormat format, int channels, Span<byte> destination)
    {
        int size = BytesPerSample(format);
        int frameBytes = size * channels;
        for (int i = 0; i < left.Length; i++)
        {
            var frame = destination.Slice(i * frameBytes, frameBytes);
            if (channels == 1)
            {
                WriteSample(0.5f * (left[i] + right[i]), format, frame);
                continue;
            }

            WriteSample(left[i], format, frame);
            WriteSample(right[i], format, frame[size..]);
            if (channels > 2)
                frame[(2 * size)..].Clear();
        }
    }

    private static void WriteSample(float value, PcmFormat format, Span<byte> destination)
    {
        switch (format)
        {
            case PcmFormat.FLOAT_LE:
                BinaryPrimitives.WriteSingleLittleEndian(destination, value);
                break;
            case PcmFormat.S32_LE:
                // 2^31 does not fit a float's clamp exactly at the top; quantise at 24 bits and shift, as most 32-bit
                // converters carry 24 significant bits anyway (a float has 24).
                BinaryPrimitives.WriteInt32LittleEndian(destination, WavWriter.Quantize(value, 8_388_608f) << 8);
                break;
            case PcmFormat.S24_LE:
                BinaryPrimitives.WriteInt32LittleEndian(destination, WavWriter.Quantize(value, 8_388_608f));
                break;
            case PcmFormat.S24_3LE:
                int v = WavWriter.Quantize(value, 8_388_608f);
                destination[0] = (byte)v;
                destination[1] = (byte)(v >> 8);
                destination[2] = (byte)(v >> 16);
                break;
            default:
                BinaryPrimitives.WriteInt16LittleEndian(destination, (short)WavWriter.Quantize(value, 32_768f));
                break;
        }
    }
}
