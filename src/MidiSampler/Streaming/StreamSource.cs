using MidiSampler.Model;

namespace MidiSampler.Streaming;

/// <summary>
/// Decodes any range of one sample file's frames on demand: the head at load, later ranges for the streamer.
/// </summary>
/// <remarks>
/// Design: a source is cheap to keep (a path and a layout) and opens its file only while reading, so a library of
/// thousands of samples does not hold thousands of descriptors or decoders; the streamer keeps the most recent few
/// open (<see cref="StreamingOptions.MaxOpenFiles"/>) because re-opening a FLAC or Ogg file costs a header parse and a
/// seek. Threads: one thread at a time (a loader thread during the load, then the streamer thread).
/// </remarks>
internal abstract class StreamSource : IDisposable
{
    protected StreamSource(string name, int sampleRate, int channels, long frameCount, SampleMetadata metadata)
    {
        Name = name;
        SampleRate = sampleRate;
        Channels = channels;
        FrameCount = frameCount;
        Metadata = metadata;
    }

    /// <summary>The file's path (used in messages).</summary>
    public string Name { get; }

    public int SampleRate { get; }

    public int Channels { get; }

    /// <summary>Frames in the file.</summary>
    public long FrameCount { get; }

    public SampleMetadata Metadata { get; }

    /// <summary>How the decoded values are stored (16-bit sources stay 16-bit when the store's chunks allow it).</summary>
    public virtual SampleFormat Format => SampleFormat.Float32;

    /// <summary>Bytes of one decoded frame.</summary>
    public int FrameBytes => Channels * (Format == SampleFormat.Int16 ? sizeof(short) : sizeof(float));

    /// <summary>True while the file is open.</summary>
    public abstract bool IsOpen { get; }

    /// <summary>
    /// Decodes frames [<paramref name="firstFrame"/>, <paramref name="firstFrame"/> + <paramref name="frames"/>) into
    /// <paramref name="destination"/> (interleaved values of <see cref="Format"/>, <see cref="FrameBytes"/> per frame), opening the file if needed. <paramref name="scratch"/> is a byte
    /// buffer the caller owns (at least <see cref="ScratchBytes"/>). Throws <see cref="Formats.InstrumentLoadException"/>
    /// or <see cref="IOException"/> when the file cannot be read.
    /// </summary>
    public abstract void Read(long firstFrame, int frames, Span<byte> destination, byte[] scratch);

    /// <summary>Bytes of scratch a read of <paramref name="frames"/> frames needs.</summary>
    public virtual int ScratchBytes(int frames) => 0;

    /// <summary>Closes the file (the next read opens it again).</summary>
    public abstract void Close();

    /// <inheritdoc/>
    public void Dispose()
    {
        Close();
        GC.SuppressFinalize(this);
    }
}
