namespace MidiSampler.Model;

/// <summary>
/// Decoded sample data, immutable once built: interleaved frames in native memory, stored compactly
/// (<see cref="Format"/>: 16-bit sources as 16-bit integers, float and 24-bit sources as float), with
/// <see cref="PadFrames"/> silent guard frames before the first and after the last frame, so that 4-point
/// interpolation can read its taps without bounds branches.
/// </summary>
/// <remarks>
/// Design: one native buffer (<see cref="SampleBuffer"/>) allocated once at load, never on the GC heap, so that
/// loading a bank neither grows the managed heap nor makes the collector stop the audio thread. Voices read it through
/// <see cref="Frames"/>: value <c>c</c> of frame <c>i</c> lives at element <c>(PadFrames + i) * Channels + c</c>, an
/// element being a <see cref="short"/> (full scale 32,768) or a <see cref="float"/>; the kernels convert 16-bit values
/// as they interpolate. A streamed sample (<see cref="IsStreamed"/>, made by a streaming store) has the same layout in a
/// mapping of which only the head and the cached chunks hold memory (<see cref="Stream"/>). The buffer is freed when
/// its owner lets go (<see cref="ReleaseMemory"/>, or the finalizer) and no installed engine instrument plays it.
/// Threads: built on a loader or control thread, then read-only from any thread, including the audio thread.
/// </remarks>
public sealed unsafe class Sample
{
    /// <summary>
    /// Silent guard frames stored before and after the audio: 4-point interpolation needs 2, the windowed SIMD kernel
    /// reads a 16-sample window from a frame's tap -1 (VoiceKernels.WindowMaxIncrement).
    /// </summary>
    public const int PadFrames = 16;

    /// <summary>16-bit values are divided by this to give full scale ±1.</summary>
    public const float Int16FullScale = 32_768f;

    private Sample(string name, int sampleRate, int channels, int frameCount, SampleFormat format, SampleBuffer? buffer, SampleMetadata metadata,
        StreamedFrames? stream = null)
    {
        Name = name;
        SampleRate = sampleRate;
        Channels = channels;
        FrameCount = frameCount;
        Format = format;
        Buffer = buffer;
        Metadata = metadata;
        Stream = stream;
    }

    /// <summary>Where the sample came from (a path, or a generator name such as <c>*sine</c>).</summary>
    public string Name { get; }

    /// <summary>The rate the sample was recorded at, in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>1 (mono) or 2 (stereo).</summary>
    public int Channels { get; }

    /// <summary>Number of audio frames, excluding the guard frames.</summary>
    public int FrameCount { get; }

    /// <summary>How the values are stored: 16-bit integers or 32-bit floats.</summary>
    public SampleFormat Format { get; }

    /// <summary>Bytes one value takes in memory (2 or 4).</summary>
    public int BytesPerValue => Format == SampleFormat.Int16 ? 2 : 4;

    /// <summary>The native buffer of an in-RAM sample; null when streamed.</summary>
    internal SampleBuffer? Buffer { get; }

    /// <summary>Element 0 of the guard frames (see the type remarks for the layout): in RAM or in the stream's mapping.</summary>
    internal void* Frames => Stream is { } s ? s.Frames : Buffer!.Pointer;

    /// <summary>For a streamed sample, its mapping, head and cache state; null for an in-RAM sample.</summary>
    internal StreamedFrames? Stream { get; }

    /// <summary>True when only the head is in memory and the rest is streamed from disk while voices play.</summary>
    public bool IsStreamed => Stream is not null;

    /// <summary>Frames held in memory for good: all of them in RAM, the head (and preloaded offsets) when streamed.</summary>
    public long ResidentBytes => Stream is { } s ? s.ResidentBytes : Buffer!.Bytes;

    /// <summary>Bytes the whole sample takes decoded in its storage format (what an all-in-RAM load holds).</summary>
    public long DecodedBytes => (long)FrameCount * Channels * BytesPerValue;

    /// <summary>Root key, tuning and loop points read from the file (the WAV <c>smpl</c> chunk), if any.</summary>
    public SampleMetadata Metadata { get; }

    /// <summary>Duration in seconds.</summary>
    public double DurationSeconds => (double)FrameCount / SampleRate;

    /// <summary>Reads one value, full scale ±1: channel <paramref name="channel"/> of frame <paramref name="frame"/> (0-based, without padding).</summary>
    /// <remarks>
    /// Any thread. For tests and analysis; the audio path reads <see cref="Frames"/> directly. A streamed sample reads its
    /// mapping: frames outside the head and the cache read as 0.
    /// </remarks>
    public float this[int frame, int channel]
    {
        get
        {
            if ((uint)frame >= (uint)FrameCount || (uint)channel >= (uint)Channels)
                throw new ArgumentOutOfRangeException(nameof(frame));
            return ReadValue(Frames, Format, ((long)(PadFrames + frame) * Channels) + channel);
        }
    }

    /// <summary>
    /// The caller is done with this sample: its memory is freed now, or, when engine instruments still play it, as soon as
    /// the last of them is retired and its voices have ended. Installing the sample afterwards throws. Without this call
    /// the memory is freed once the sample is unreachable. Streamed samples belong to their store (nothing to do). Control thread.
    /// </summary>
    public void ReleaseMemory() => Buffer?.Dispose();

    /// <summary>
    /// A time-reversed copy (SFZ direction=reverse), made once per sample by the loader. A streamed sample gives a
    /// streamed reversal over the same file, read backwards. Control or loader thread: allocates.
    /// </summary>
    public Sample CreateReversed()
    {
        if (Stream?.CreateReversed(this) is { } streamed)
            return streamed;
        int channels = Channels, frames = FrameCount, frameBytes = channels * BytesPerValue;
        var buffer = Allocate(frames, channels, Format);
        byte* from = Buffer!.Pointer + (PadFrames * frameBytes), to = buffer.Pointer + (PadFrames * frameBytes);
        for (long f = 0; f < frames; f++)
            System.Buffer.MemoryCopy(from + ((frames - 1 - f) * frameBytes), to + (f * frameBytes), frameBytes, frameBytes);
        return new Sample(Name + " (reversed)", SampleRate, channels, frames, Format, buffer, SampleMetadata.None);
    }

    /// <summary>Wraps a streamed sample's frames. Loader thread.</summary>
    internal static Sample FromStream(string name, int sampleRate, StreamedFrames stream, SampleMetadata metadata) =>
        new(name, sampleRate, stream.Channels, (int)stream.FrameCount, stream.Format, null, metadata, stream);

    /// <summary>
    /// Builds a float sample from interleaved frames; NaN values become 0 and values beyond ±16 (+24 dBFS) are clamped.
    /// Control or loader thread: allocates (natively).
    /// </summary>
    /// <param name="name">A path or a descriptive name, used in messages.</param>
    /// <param name="sampleRate">Sample rate in Hz (1 to 1,536,000).</param>
    /// <param name="channels">1 or 2.</param>
    /// <param name="interleaved">Frames, channel values interleaved; its length must be a multiple of <paramref name="channels"/>.</param>
    /// <param name="metadata">Loop points and root key from the file, or <c>null</c>.</param>
    public static Sample FromInterleaved(string name, int sampleRate, int channels, ReadOnlySpan<float> interleaved, SampleMetadata? metadata = null)
    {
        Validate(name, sampleRate, channels);
        if (interleaved.Length % channels != 0)
            throw new ArgumentException("the data is not a whole number of frames", nameof(interleaved));
        int frames = interleaved.Length / channels;
        var buffer = Allocate(frames, channels, SampleFormat.Float32);
        var body = Body<float>(buffer, frames, channels);
        interleaved.CopyTo(body);
        // As every file decoder does: NaN to silence, values clamped to ±16 (+24 dBFS), so that no caller of the API can
        // hand the engine a value that overflows in its first gain stage.
        Dsp.SampleSanitizer.Sanitize(body);
        return new Sample(name, sampleRate, channels, frames, SampleFormat.Float32, buffer, metadata ?? SampleMetadata.None);
    }

    /// <summary>
    /// Builds a 16-bit sample from interleaved frames (full scale ±32,768), stored as they are: half the memory of float.
    /// Control or loader thread: allocates (natively).
    /// </summary>
    public static Sample FromInterleavedInt16(string name, int sampleRate, int channels, ReadOnlySpan<short> interleaved, SampleMetadata? metadata = null)
    {
        Validate(name, sampleRate, channels);
        if (interleaved.Length % channels != 0)
            throw new ArgumentException("the data is not a whole number of frames", nameof(interleaved));
        int frames = interleaved.Length / channels;
        var buffer = Allocate(frames, channels, SampleFormat.Int16);
        interleaved.CopyTo(Body<short>(buffer, frames, channels));
        return new Sample(name, sampleRate, channels, frames, SampleFormat.Int16, buffer, metadata ?? SampleMetadata.None);
    }

    /// <summary>Builds a sample over a buffer from <see cref="Allocate"/> that the caller filled (no copy). Loader thread.</summary>
    internal static Sample FromBuffer(string name, int sampleRate, int channels, int frameCount, SampleFormat format, SampleBuffer buffer, SampleMetadata? metadata)
    {
        if (buffer.Bytes != PaddedBytes(frameCount, channels, format))
            throw new ArgumentException("the buffer has the wrong size", nameof(buffer));
        return new Sample(name, sampleRate, channels, frameCount, format, buffer, metadata ?? SampleMetadata.None);
    }

    /// <summary>Allocates a zeroed native buffer for <paramref name="frameCount"/> padded frames; fill it through <see cref="Body{T}"/>.</summary>
    internal static SampleBuffer Allocate(int frameCount, int channels, SampleFormat format) =>
        new(PaddedBytes(frameCount, channels, format));

    /// <summary>The audio part of a buffer (after the leading guard frames), as values of the buffer's format.</summary>
    internal static Span<T> Body<T>(SampleBuffer buffer, int frameCount, int channels)
        where T : unmanaged =>
        new(buffer.Pointer + (PadFrames * channels * sizeof(T)), checked(frameCount * channels));

    /// <summary>Bytes of a padded buffer.</summary>
    internal static long PaddedBytes(int frameCount, int channels, SampleFormat format) =>
        ((long)frameCount + (2 * PadFrames)) * channels * (format == SampleFormat.Int16 ? 2 : 4);

    /// <summary>Every value, guard frames included, at full scale ±1 (a managed copy, for tests and analysis).</summary>
    internal float[] PaddedValues()
    {
        var values = new float[((long)FrameCount + (2 * PadFrames)) * Channels];
        for (long i = 0; i < values.Length; i++)
            values[i] = ReadValue(Frames, Format, i);
        return values;
    }

    /// <summary>Value <paramref name="index"/> (counted from the first guard value) at full scale ±1.</summary>
    internal static float ReadValue(void* frames, SampleFormat format, long index) =>
        format == SampleFormat.Int16 ? ((short*)frames)[index] / Int16FullScale : ((float*)frames)[index];

    private static void Validate(string name, int sampleRate, int channels)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (channels is < 1 or > 2)
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "only mono and stereo samples are supported");
        if (sampleRate is < 1 or > 1_536_000)
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "sample rate out of range");
    }
}
