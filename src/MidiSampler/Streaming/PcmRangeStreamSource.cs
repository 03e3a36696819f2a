using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using MidiSampler.Formats;
using MidiSampler.Model;

namespace MidiSampler.Streaming;

/// <summary>
/// Reads ranges of one sample stored as raw PCM inside a larger file (<see cref="PcmRange"/>: a SoundFont's <c>smpl</c>
/// range, and its <c>sm24</c> low bytes for 24-bit data) with positioned reads. One thread at a time.
/// </summary>
/// <remarks>
/// Design: 16-bit points are the file's bytes (little-endian, as this host), so a 16-bit chunk is read straight into its
/// place in the mapping, no conversion and no copy; 24-bit points are decoded to float as the in-RAM SoundFont reader does
/// ((point &lt;&lt; 8 | low) / 2^23, exact). Many sources share one file, each opening it only while the streamer reads it.
/// </remarks>
internal sealed class PcmRangeStreamSource : StreamSource
{
    private readonly long _dataOffsetBytes;
    private readonly long _sample24OffsetBytes;
    private readonly SampleFormat _format;
    private SafeFileHandle? _file;

    /// <param name="range">Where the sample is.</param>
    /// <param name="compact">Keep 16-bit points 16-bit (the store's chunks allow it).</param>
    public PcmRangeStreamSource(PcmRange range, bool compact)
        : base(range.Path, range.SampleRate, 1, range.Frames, SampleMetadata.None)
    {
        SampleName = range.Name;
        _dataOffsetBytes = range.DataOffsetBytes;
        _sample24OffsetBytes = range.LowBytesOffset;
        _format = _sample24OffsetBytes < 0 && compact && BitConverter.IsLittleEndian ? SampleFormat.Int16 : SampleFormat.Float32;
    }

    /// <summary>The sample's own name.</summary>
    public string SampleName { get; }

    public override bool IsOpen => _file is not null;

    public override SampleFormat Format => _format;

    public override int ScratchBytes(int frames) => frames * 3;

    public override void Read(long firstFrame, int frames, Span<byte> destination, byte[] scratch)
    {
        _file ??= File.OpenHandle(Name, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (_format == SampleFormat.Int16)
        {
            ReadExact(_dataOffsetBytes + (firstFrame * 2), destination[..(frames * 2)]);
            return;
        }

        var points = scratch.AsSpan(0, frames * 2);
        ReadExact(_dataOffsetBytes + (firstFrame * 2), points);
        var values = MemoryMarshal.Cast<byte, float>(destination)[..frames];
        if (_sample24OffsetBytes < 0)
        {
            for (int k = 0; k < frames; k++)
                values[k] = BinaryPrimitives.ReadInt16LittleEndian(points[(k * 2)..]) / Sample.Int16FullScale;
            return;
        }

        var low = scratch.AsSpan(frames * 2, frames);
        ReadExact(_sample24OffsetBytes + firstFrame, low);
        for (int k = 0; k < frames; k++)
            values[k] = ((BinaryPrimitives.ReadInt16LittleEndian(points[(k * 2)..]) << 8) | low[k]) / 8388608f;
    }

    public override void Close()
    {
        _file?.Dispose();
        _file = null;
    }

    private void ReadExact(long offset, Span<byte> block)
    {
        int got = 0;
        while (got < block.Length)
        {
            int n = RandomAccess.Read(_file!, block[got..], offset + got);
            if (n <= 0)
                throw new InstrumentLoadException(Name, $"sample '{SampleName}', byte {offset + got}", "the file ended while its data was being read (was it changed after the load?)");
            got += n;
        }
    }
}
