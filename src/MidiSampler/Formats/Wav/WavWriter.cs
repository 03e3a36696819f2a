using System.Buffers.Binary;
using MidiSampler.Model;

namespace MidiSampler.Formats.Wav;

/// <summary>
/// Streams interleaved float frames to a WAV file: 16- or 24-bit PCM, or 32-bit float. One thread at a time
/// (the offline render loop, or the control thread); it does file I/O, so never from a real-time audio callback.
/// </summary>
/// <remarks>
/// Design: the header is written first with "unknown" sizes (0xFFFFFFFF, what streaming writers leave and
/// what libsndfile, sox and <see cref="WavReader"/> read as "to the end of the file"), so even a render
/// killed mid-way leaves a readable file. <see cref="Flush"/> and <see cref="Dispose"/> patch the RIFF,
/// fact and data sizes to the exact values; after Dispose the file is a strict, valid WAV whatever
/// point the render reached. The data chunk is always last, so it can grow.
/// PCM conversion: values are clipped to [-1, 1], scaled by 2^(bits-1) (the scale <see cref="WavReader"/>
/// and libsndfile/sox read with, so a 16-bit file read and written again is bit-identical), clamped to the
/// largest positive code (+1.0 becomes 32767 in 16 bits), and rounded to nearest, ties to even. No dither:
/// at 24 bits the rounding error is far below any DAC's noise; for 16-bit masters dither before writing
/// if it matters. NaN becomes 0. Float32 is written as is, unclipped (format 3 with a fact chunk, which
/// sox, libsndfile and the JACK tools read).
/// </remarks>
public sealed class WavWriter : IDisposable
{
    private const int BufferBytes = 64 * 1024;
    private const uint UnknownSize = uint.MaxValue;

    private readonly FileStream _stream;
    private readonly byte[] _buffer = new byte[BufferBytes];
    private readonly int _bytesPerSample;
    private readonly long _factSizeOffset;
    private readonly long _dataSizeOffset;
    private readonly long _headerBytes;
    private int _buffered;
    private long _dataBytes;
    private bool _disposed;

    /// <summary>Creates (or overwrites) <paramref name="path"/> and writes the header. Control or render thread.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="sampleRate">Frames per second, in Hz (1 to 1,536,000).</param>
    /// <param name="channels">Channels per frame (1 to 32).</param>
    /// <param name="format">How samples are stored.</param>
    /// <param name="metadata">
    /// Root key, tuning and loop to embed as a <c>smpl</c> chunk (as samplers and <see cref="WavReader"/> read it),
    /// or <c>null</c> for none. The tune is stored as the recording's pitch (unity note plus an upward fraction),
    /// so a positive TuneCents reads back as the note below with a negative tune: the same pitch.
    /// </param>
    /// <exception cref="IOException">The file cannot be created.</exception>
    public WavWriter(string path, int sampleRate, int channels, WavSampleFormat format, SampleMetadata? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, 1_536_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 32);
        if (metadata is { HasLoop: true } && (metadata.LoopStart < 0 || metadata.LoopEnd > uint.MaxValue))
            throw new ArgumentException("loop points must be within 0..2^32-1 frames", nameof(metadata));
        _bytesPerSample = format switch
        {
            WavSampleFormat.Pcm16 => 2,
            WavSampleFormat.Pcm24 => 3,
            WavSampleFormat.Float32 => 4,
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown sample format"),
        };
        SampleRate = sampleRate;
        Channels = channels;
        Format = format;

        Span<byte> header = stackalloc byte[128];
        int n = 0;
        n += PutId(header[n..], "RIFF");
        n += PutU32(header[n..], UnknownSize);
        n += PutId(header[n..], "WAVE");

        bool isFloat = format == WavSampleFormat.Float32;
        int blockAlign = channels * _bytesPerSample;
        n += PutId(header[n..], "fmt ");
        n += PutU32(header[n..], isFloat ? 18u : 16u); // float: cbSize present (0), as Microsoft asks of non-PCM tags
        n += PutU16(header[n..], isFloat ? 3 : 1); // WAVE_FORMAT_IEEE_FLOAT or WAVE_FORMAT_PCM
        n += PutU16(header[n..], channels);
        n += PutU32(header[n..], (uint)sampleRate);
        n += PutU32(header[n..], (uint)(sampleRate * blockAlign));
        n += PutU16(header[n..], blockAlign);
        n += PutU16(header[n..], _bytesPerSample * 8);
        if (isFloat)
            n += PutU16(header[n..], 0);

        _factSizeOffset = -1;
        if (isFloat)
        {
            // fact: the frame count, required for non-PCM formats (RIFF spec); patched with the data size.
            n += PutId(header[n..], "fact");
            n += PutU32(header[n..], 4);
            _factSizeOffset = n;
            n += PutU32(header[n..], 0);
        }

        if (metadata is not null)
        {
            n += PutId(header[n..], "smpl");
            int sizeAt = n;
            n += 4;
            int bodyBytes = WavSmplChunk.Write(metadata, sampleRate, header[n..]);
            PutU32(header[sizeAt..], (uint)bodyBytes);
            n += bodyBytes; // 36 or 60: even, no pad byte
        }

        n += PutId(header[n..], "data");
        _dataSizeOffset = n;
        n += PutU32(header[n..], UnknownSize);
        _headerBytes = n;

        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1, FileOptions.None);
        try
        {
            _stream.Write(header[..n]);
        }
        catch
        {
            _stream.Dispose();
            throw;
        }
    }

    /// <summary>Frames per second, in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Channels per frame.</summary>
    public int Channels { get; }

    /// <summary>How samples are stored.</summary>
    public WavSampleFormat Format { get; }

    /// <summary>Frames written so far (including those still in the buffer).</summary>
    public long FramesWritten => (_dataBytes + _buffered) / (_bytesPerSample * Channels);

    /// <summary>
    /// Appends interleaved frames. Same thread as the other calls. Allocation-free; writes to the file every 64 KiB.
    /// </summary>
    /// <exception cref="ArgumentException">The length is not a whole number of frames.</exception>
    /// <exception cref="IOException">The file would pass 4 GiB (the RIFF limit) or cannot be written.</exception>
    public void Write(ReadOnlySpan<float> interleaved)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (interleaved.Length % Channels != 0)
            throw new ArgumentException($"{interleaved.Length} values is not a whole number of {Channels}-channel frames", nameof(interleaved));
        long newBytes = (long)interleaved.Length * _bytesPerSample;
        long riffBytes = _headerBytes - 8 + _dataBytes + _buffered + newBytes;
        if (riffBytes + (riffBytes & 1) > uint.MaxValue)
            throw new IOException("the WAV file would pass 4 GiB, the limit of the RIFF format; render shorter pieces");

        int perBlock = BufferBytes / _bytesPerSample;
        while (!interleaved.IsEmpty)
        {
            int room = (BufferBytes - _buffered) / _bytesPerSample;
            if (room == 0)
            {
                FlushBuffer();
                room = perBlock;
            }

            int count = Math.Min(room, interleaved.Length);
            Encode(interleaved[..count], _buffer.AsSpan(_buffered, count * _bytesPerSample));
            _buffered += count * _bytesPerSample;
            interleaved = interleaved[count..];
        }
    }

    /// <summary>
    /// Writes buffered audio and patches the header's sizes, so that the file on disk is a complete, valid WAV
    /// of everything written so far (a checkpoint for long renders). Same thread as the other calls.
    /// </summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        FlushBuffer();
        PatchSizes(padded: false);
        _stream.Flush();
    }

    /// <summary>Writes what is buffered, the pad byte if the data size is odd, and the final sizes; closes the file.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        try
        {
            FlushBuffer();
            if ((_dataBytes & 1) != 0)
                _stream.WriteByte(0); // RIFF pad byte: chunks start on even offsets
            PatchSizes(padded: true);
        }
        finally
        {
            _stream.Dispose();
        }
    }

    /// <summary>Writes a whole WAV file in one call. Control or render thread.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="sampleRate">Frames per second, in Hz.</param>
    /// <param name="channels">Channels per frame.</param>
    /// <param name="format">How samples are stored.</param>
    /// <param name="interleaved">All frames, channels interleaved.</param>
    /// <param name="metadata">Root key, tuning and loop for a <c>smpl</c> chunk, or <c>null</c>.</param>
    public static void WriteFile(string path, int sampleRate, int channels, WavSampleFormat format, ReadOnlySpan<float> interleaved, SampleMetadata? metadata = null)
    {
        using var writer = new WavWriter(path, sampleRate, channels, format, metadata);
        writer.Write(interleaved);
    }

    private void Encode(ReadOnlySpan<float> source, Span<byte> destination)
    {
        switch (Format)
        {
            case WavSampleFormat.Pcm16:
                for (int i = 0; i < source.Length; i++)
                    BinaryPrimitives.WriteInt16LittleEndian(destination[(2 * i)..], (short)Quantize(source[i], 32_768f));
                break;
            case WavSampleFormat.Pcm24:
                for (int i = 0; i < source.Length; i++)
                {
                    int value = Quantize(source[i], 8_388_608f);
                    destination[3 * i] = (byte)value;
                    destination[(3 * i) + 1] = (byte)(value >> 8);
                    destination[(3 * i) + 2] = (byte)(value >> 16);
                }

                break;
            default:
                for (int i = 0; i < source.Length; i++)
                    BinaryPrimitives.WriteSingleLittleEndian(destination[(4 * i)..], source[i]);
                break;
        }
    }

    /// <summary>Clip to [-1, 1], scale by <paramref name="fullScale"/> = 2^(bits-1), clamp to the largest code, round half to even.</summary>
    internal static int Quantize(float value, float fullScale)
    {
        if (float.IsNaN(value))
            return 0;
        float scaled = Math.Clamp(value * fullScale, -fullScale, fullScale - 1);
        return (int)MathF.Round(scaled, MidpointRounding.ToEven);
    }

    private void FlushBuffer()
    {
        if (_buffered == 0)
            return;
        _stream.Write(_buffer, 0, _buffered);
        _dataBytes += _buffered;
        _buffered = 0;
    }

    private void PatchSizes(bool padded)
    {
        long end = _stream.Position;
        long riffBytes = _headerBytes - 8 + _dataBytes + (padded ? _dataBytes & 1 : 0);
        Span<byte> value = stackalloc byte[4];
        PatchU32(4, (uint)riffBytes, value);
        if (_factSizeOffset >= 0)
            PatchU32(_factSizeOffset, (uint)(_dataBytes / (_bytesPerSample * Channels)), value);
        PatchU32(_dataSizeOffset, (uint)_dataBytes, value);
        _stream.Position = end;
    }

    private void PatchU32(long offset, uint number, Span<byte> scratch)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(scratch, number);
        _stream.Position = offset;
        _stream.Write(scratch);
    }

    private static int PutId(Span<byte> destination, string id)
    {
        for (int i = 0; i < 4; i++)
            destination[i] = (byte)id[i];
        return 4;
    }

    private static int PutU32(Span<byte> destination, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, value);
        return 4;
    }

    private static int PutU16(Span<byte> destination, int value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)value);
        return 2;
    }
}
